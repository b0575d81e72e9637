// n8n's package scanner (@n8n/scan-community-package 0.32.0) lints a community package with the
// config its buildScanConfig() returns and with inline configuration off, so an eslint-disable
// comment hides nothing from it. `scanConfig` below is that config, statement for statement, with
// the same plugin versions the scanner installs (package.json pins them). `npm run lint` and
// `npm run scan` use it; `npm run scan:check-config` compares it with the pinned scanner's own.
import tsParser from '@typescript-eslint/parser';
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesPlugin from 'eslint-plugin-n8n-nodes-base';
import { defineConfig } from 'eslint/config';

const parser = tsParser.default ?? tsParser;

/** The files the scanner lints in a source checkout (its SOURCE_FILE_PATTERNS). */
export const SOURCE_FILE_PATTERNS = ['package.json', '{nodes,credentials}/**/*.{js,ts,json}'];

/** The files it lints in the unpacked npm tarball. */
export const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

export const scanConfig = defineConfig(
	n8nCommunityNodesPlugin.configs.recommended,
	{
		rules: { 'no-console': 'error' },
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
	{
		files: ['package.json'],
		rules: { ...n8nNodesPlugin.configs.community.rules },
	},
	{
		files: ['**/credentials/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
			'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
		},
	},
	{
		files: ['**/nodes/**/*.ts'],
		rules: {
			...n8nNodesPlugin.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
		},
	},
	{
		files: ['**/*.json'],
		languageOptions: { parser },
	},
	{
		files: ['**/*.ts'],
		languageOptions: { parser },
	},
);

export default defineConfig(
	// `eslint .` stays within what the scanner reads in a checkout (SOURCE_FILE_PATTERNS).
	{
		ignores: [
			'dist/**',
			'node_modules/**',
			'sandbox/**',
			'test/**',
			'e2e/**',
			'bench/**',
			'scripts/**',
			'tools/**',
			'examples/**',
			'docs/**',
			'*.js',
			'*.mjs',
			'package-lock.json',
			'tsconfig.json',
		],
	},
	{ linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' } },
	scanConfig,
);
