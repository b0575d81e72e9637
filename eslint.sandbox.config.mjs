// ESLint for the sandbox (plain CommonJS on Node, type-checked by sandbox/tsconfig.json).
// Kept apart from eslint.config.mjs, which must stay n8n's scanner rule set for the shipped
// nodes and credential: `npm run lint:sandbox` runs `eslint -c eslint.sandbox.config.mjs sandbox`.
import js from '@eslint/js';
import globals from 'globals';
import { defineConfig } from 'eslint/config';

export default defineConfig(
	{ ignores: ['sandbox/**/*.d.ts'] },
	{
		files: ['sandbox/**/*.js'],
		extends: [js.configs.recommended],
		languageOptions: {
			ecmaVersion: 2022,
			sourceType: 'commonjs',
			globals: { ...globals.node },
		},
		linterOptions: { reportUnusedDisableDirectives: 'error' },
		rules: {
			'no-unused-vars': ['error', { args: 'after-used', caughtErrors: 'none', ignoreRestSiblings: true }],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
			'no-var': 'error',
			'prefer-const': 'error',
			strict: ['error', 'global'],
		},
	},
);
