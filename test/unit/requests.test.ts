/**
 * What every operation sends for its baseline parameters (test/helpers/baselines.ts), built by the
 * node's own execute() on a stub context (test/helpers/stub-context.ts): no engine, no HTTP. Each
 * request must be one the sandbox's catalog validation accepts for the operation's route, keep
 * every long id to the digit, and match its recorded wire form (method, path, query, body text).
 */
import type { IDataObject } from 'n8n-workflow';

import { OPERATIONS } from '../../nodes/PandaPon/operations';
import { PandaPon } from '../../nodes/PandaPon/PandaPon.node';
import { BASELINES, PNG } from '../helpers/baselines';
import { stubContext, type StubRequest } from '../helpers/stub-context';

/* eslint-disable @typescript-eslint/no-require-imports */
const { loadCatalog, buildRoutes, matchRoute, validateParams } = require('../../sandbox/catalog');
const adjustments = require('../../sandbox/adjustments');
const { parseLossless } = require('../../sandbox/json');
/* eslint-enable @typescript-eslint/no-require-imports */

interface Route {
	key: string;
	params: Array<{ in: string; name: string }>;
}

const node = new PandaPon();
const routes = buildRoutes(loadCatalog(), adjustments);
const keyOf = (s: { resource: string; value: string }) => `${s.resource}:${s.value}`;

/** Runs the node over the baseline and returns what it sent. */
async function sentFor(key: string): Promise<StubRequest[]> {
	const [resource, operation] = key.split(':');
	const baseline = BASELINES[key];
	const { ctx, sent } = stubContext({
		description: node.description,
		parameters: { resource, operation, ...baseline.params },
		items: [{ json: {}, ...(baseline.binary ? { binary: { data: { data: '', mimeType: 'image/png', fileName: 'proof.png' } } } : {}) }],
		binary: PNG,
	});
	try {
		await node.execute.call(ctx);
	} catch {
		// An empty answer may not satisfy an operation's checkData; the request is what counts here.
	}
	return sent;
}

/** The request as the sandbox reads it: query parameters, the JSON body parsed losslessly, path parameters. */
function asReceived(request: StubRequest, route: Route & { regex: RegExp; pathParamNames: string[] }) {
	const query = new URLSearchParams();
	for (const [k, v] of Object.entries(request.query)) query.set(k, String(v));
	const m = route.regex.exec(request.path)!;
	const path = Object.fromEntries(route.pathParamNames.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
	return { query, body: request.body ? parseLossless(request.body) : {}, path };
}

/** Ids of 16 digits or more in the parameters, however deep. */
function longIds(value: unknown, out = new Set<string>()): Set<string> {
	if (typeof value === 'string') for (const m of value.matchAll(/\d{16,}/g)) out.add(m[0]);
	else if (value && typeof value === 'object') for (const v of Object.values(value as IDataObject)) longIds(v, out);
	return out;
}

it('every operation has a baseline', () => {
	expect(OPERATIONS.map(keyOf).filter((k) => !BASELINES[k])).toEqual([]);
	expect(Object.keys(BASELINES).filter((k) => !OPERATIONS.some((s) => keyOf(s) === k))).toEqual([]);
});

describe.each(OPERATIONS.map((s) => [keyOf(s), s] as const))('%s', (key, spec) => {
	let sent: StubRequest[];
	beforeAll(async () => {
		sent = await sentFor(key);
	});

	it('sends one request, to the route of its catalog operation, that the catalog validation accepts', () => {
		expect(sent).toHaveLength(1);
		const [request] = sent;
		if (spec.catalogId !== 'custom') expect(request.method).toBe(spec.method);
		const { route } = matchRoute(routes, request.method, request.path);
		expect(route?.key).toBe(spec.catalogId === 'custom' ? 'POST /alibaba/order/detail' : `${spec.method} ${spec.path}`);
		expect(() => validateParams(route, asReceived(request, route))).not.toThrow();
	});

	it('sends only fields its route knows', () => {
		const [request] = sent;
		const { route } = matchRoute(routes, request.method, request.path) as { route: Route };
		const known = new Set(route.params.map((p) => `${p.in}:${p.name}`));
		const fields = [
			...Object.keys(request.query).map((k) => `query:${k}`),
			...Object.keys(request.body ? (parseLossless(request.body) as IDataObject) : {}).map((k) => `body:${k}`),
		];
		expect(fields.filter((f) => !known.has(f))).toEqual([]);
	});

	it('keeps every long id of its parameters to the digit', () => {
		const wire = JSON.stringify(sent[0].query) + (sent[0].body ?? '') + sent[0].path;
		for (const id of longIds(BASELINES[key].params)) expect(wire).toContain(id);
	});

	it('sends what it sent before', () => {
		expect(sent[0]).toMatchSnapshot();
	});
});
