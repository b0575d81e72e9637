import { createHmac } from 'crypto';
import { Workflow, type IDataObject, type INode, type INodeType, type INodeTypes } from 'n8n-workflow';

import { PandaPonTrigger, eventTimeOf } from '../../nodes/PandaPonTrigger/PandaPonTrigger.node';
import {
	DEDUPE_CAPACITY,
	DEDUPE_KEEP_MS,
	DEDUPE_SHARD_CAPACITY,
	DEDUPE_WINDOW_MS,
	canonicalJson,
	messageIdentity,
	seenBefore,
	storedEntries,
} from '../../nodes/PandaPonTrigger/dedupe';
import { EVENTS, classify, eventOptions, isSelected } from '../../nodes/PandaPonTrigger/events';
import { isVerifyPing } from '../../nodes/PandaPonTrigger/http';
import { latestRequestFor, orderIdInPush } from '../../nodes/PandaPonTrigger/latest';
import { checkSignature, topLevelValueText } from '../../nodes/PandaPonTrigger/signature';
import { A_WAIT_SEND, T_WAIT_PAY } from '../helpers/fixtures';

describe('signature helpers', () => {
	const secret = 's3cret';
	const hex = (b: string) => createHmac('sha256', secret).update(b).digest('hex');

	test('one base only; missing / malformed / mismatch are told apart; hex case ignored', () => {
		const raw = Buffer.from('{"a":1}');
		expect(checkSignature(hex('{"a":1}'), secret, raw)).toEqual({ ok: true });
		expect(checkSignature(hex('{"a":1}').toUpperCase(), secret, raw)).toEqual({ ok: true });
		expect(checkSignature(hex('inner'), secret, raw)).toEqual({ ok: false, reason: 'mismatch' });
		expect(checkSignature(undefined, secret, raw)).toEqual({ ok: false, reason: 'missing' });
		expect(checkSignature('abc', secret, raw)).toEqual({ ok: false, reason: 'malformed' });
		expect(checkSignature(' ' + hex('{"a":1}'), secret, raw)).toEqual({ ok: false, reason: 'malformed' });
	});

	test('the Verify ping is an empty body or {} only', () => {
		for (const ping of ['', '  \n', '{}', ' { \r\n } ', '\ufeff{}']) expect(isVerifyPing(Buffer.from(ping))).toBe(true);
		for (const other of ['{"a":1}', '[]', '{}x', 'x', '{ }}', ' '.repeat(1000) + 'x']) expect(isVerifyPing(Buffer.from(other))).toBe(false);
	});

	test('topLevelValueText returns the exact source text of a top-level value', () => {
		const text = '{"x":"}\\"{","messageBody" : { "a": [1, {"b": "]"}], "c": 12345678901234567890 } ,"t":1}';
		expect(topLevelValueText(text, 'messageBody')).toBe('{ "a": [1, {"b": "]"}], "c": 12345678901234567890 }');
		expect(topLevelValueText(text, 't')).toBe('1');
		expect(topLevelValueText(text, 'x')).toBe('"}\\"{"');
		expect(topLevelValueText('{"inner":{"messageBody":1}}', 'messageBody')).toBeUndefined();
		expect(topLevelValueText('[1]', 'messageBody')).toBeUndefined();
	});
});

describe('events', () => {
	test('classification routes on the prefix and cross-checks messagePlatform', () => {
		expect(classify('1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', 1)).toMatchObject({ event: '1688.orderPriceChanged', platform: '1688', platformMismatch: false });
		expect(classify('TAOBAO_ORDER_BUYER_VIEW_ORDER_BUYER_REFUND', '1')).toMatchObject({ event: 'taobao.afterSaleRefund', platform: 'taobao', platformMismatch: true });
		expect(classify('ORDER_CREATE', 1)).toMatchObject({ event: 'unknown', platform: '1688', platformMismatch: false });
		expect(classify('SOMETHING', undefined)).toMatchObject({ event: 'unknown', platform: null });
	});

	test('unknown types pass only with Any', () => {
		const unknown = classify('1688_NEW_TOPIC', 1);
		expect(isSelected(['1688.orderStatusChanged'], unknown)).toBe(false);
		expect(isSelected(['*'], unknown)).toBe(true);
	});

	test('the Events options are generated from EVENTS: "On …" names with brand casing, values kept, sorted', () => {
		const options = eventOptions();
		expect(options.map((o) => o.name)).toEqual([
			'On 1688 After-Sale Refund',
			'On 1688 Order Price Changed',
			'On 1688 Order Status Changed',
			'On Any Event',
			'On Taobao After-Sale Refund',
			'On Taobao Order Price Changed',
			'On Taobao Order Status Changed',
		]);
		expect(options.find((o) => o.name === 'On Taobao After-Sale Refund')!.value).toBe('taobao.afterSaleRefund');
		expect(options.find((o) => o.value === '1688.orderStatusChanged')!.description).toContain('1688_ORDER_BUYER_VIEW_ORDER_STATUS_MODIFY, name inferred; 1688_ORDER_CREATE');
	});

	test('the subtitle, evaluated by n8n\'s expression engine, shows the chosen events by name', () => {
		const trigger = new PandaPonTrigger();
		const nodeTypes: INodeTypes = {
			getByName: () => trigger as INodeType,
			getByNameAndVersion: () => trigger as INodeType,
			getKnownTypes: () => ({}),
		};
		const subtitleFor = (events: string[]) => {
			const node: INode = { id: '1', name: 'PandaPon Trigger', type: 'n8n-nodes-pandapon.pandaPonTrigger', typeVersion: 1, position: [0, 0], parameters: { events } };
			const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
			return workflow.expression.getSimpleParameterValue(node, trigger.description.subtitle as string, 'manual', {});
		};
		expect(subtitleFor(['1688.orderStatusChanged'])).toBe('On 1688 Order Status Changed');
		expect(subtitleFor(['taobao.afterSaleRefund', '*'])).toBe('On Taobao After-Sale Refund, On Any Event');
		expect(String(subtitleFor(['1688.orderStatusChanged']))).not.toContain('.');
	});

	test('every event is offered in the Events parameter, and the STATUS_MODIFY names are marked inferred', () => {
		const property = new PandaPonTrigger().description.properties.find((p) => p.name === 'events')!;
		const values = (property.options as Array<{ value: string; description: string }>).map((o) => o.value);
		expect(values.sort()).toEqual(['*', ...EVENTS.map((e) => e.event)].sort());
		for (const e of EVENTS.filter((x) => x.kind === 'orderStatus')) {
			expect(e.inferred).toBe(true);
			const option = (property.options as Array<{ value: string; description: string }>).find((o) => o.value === e.event)!;
			expect(option.description).toContain('inferred');
		}
	});
});

describe('node description', () => {
	const d = new PandaPonTrigger().description;
	test('webhook POST onReceived, pandaPonApi required, not usable as a tool, icons light/dark', () => {
		expect(d.webhooks).toContainEqual(expect.objectContaining({ name: 'default', httpMethod: 'POST', responseMode: 'onReceived' }));
		// The credential's own declarative test serves both nodes.
		expect(d.credentials).toEqual([{ name: 'pandaPonApi', required: true }]);
		expect((d as unknown as { usableAsTool?: boolean }).usableAsTool).toBeUndefined();
		expect(d.icon).toEqual({ light: 'file:../../icons/pandapon.svg', dark: 'file:../../icons/pandapon.dark.svg' });
		expect(d.properties.find((p) => p.name === 'notice')!.displayName).toContain('Message Service');
	});
});

describe('dedupe store', () => {
	const id = (n: number) => messageIdentity('1688_ORDER_BUYER_VIEW_ORDER_PRICE_MODIFY', '1688', { orderId: String(2542285634920880000n + BigInt(n)) });

	test('canonical JSON ignores key order; the identity covers type, platform and body', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
		expect(messageIdentity('T', 'taobao', { a: 1 })).not.toEqual(messageIdentity('T', '1688', { a: 1 }));
		expect(messageIdentity('T', 'taobao', { a: 1, b: 2 })).toEqual(messageIdentity('T', 'taobao', { b: 2, a: 1 }));
		expect(messageIdentity('T', 'taobao', { a: 1 }).deliveryId).toMatch(/^[0-9a-f]{32}$/);
	});

	test('an entry is kept for the whole window plus the future tolerance, then leaves', () => {
		const store: IDataObject = {};
		const t0 = Date.UTC(2026, 10, 29, 12, 0, 0);
		expect(seenBefore(store, id(1), t0)).toBe(false);
		expect(seenBefore(store, id(1), t0 + DEDUPE_KEEP_MS - 1)).toBe(true);
		expect(seenBefore(store, id(1), t0 + DEDUPE_KEEP_MS + 60_000)).toBe(false);
		expect(DEDUPE_KEEP_MS).toBeGreaterThan(DEDUPE_WINDOW_MS);
	});

	test('20,000 messages in one window: every one is still known at the end, in a compact JSON store', () => {
		let store: IDataObject = {};
		const t0 = Date.UTC(2026, 10, 29, 12, 0, 0);
		const step = Math.floor(DEDUPE_WINDOW_MS / 20_000);
		const ids = Array.from({ length: 20_000 }, (_, n) => id(n));
		let fresh = 0;
		for (let n = 0; n < 20_000; n++) {
			if (!seenBefore(store, ids[n], t0 + n * step)) fresh++;
			if (n % 5000 === 0) store = JSON.parse(JSON.stringify(store)); // n8n saves and reloads it as JSON
		}
		expect(fresh).toBe(20_000);
		expect(storedEntries(store)).toBe(20_000);
		const size = JSON.stringify(store).length;
		expect(size).toBeLessThan(340_000); // 16 characters per entry
		const end = t0 + DEDUPE_WINDOW_MS;
		let known = 0;
		for (let n = 0; n < 20_000; n++) if (seenBefore(store, ids[n], end)) known++;
		expect(known).toBe(20_000);
		expect(storedEntries(store)).toBe(20_000);
		// once the window has passed, pushes empty the shards they touch and one more in turn
		for (let n = 0; n < 64; n++) seenBefore(store, id(100_000 + n), end + DEDUPE_KEEP_MS + 60_000);
		expect(storedEntries(store)).toBe(64);
	});

	test('memory is bounded: far beyond the sized load each shard keeps its newest entries', () => {
		const store: IDataObject = {};
		const t0 = Date.UTC(2026, 10, 29, 12, 0, 0);
		for (let n = 0; n < DEDUPE_CAPACITY + 20_000; n++) seenBefore(store, id(n), t0);
		expect(storedEntries(store)).toBeLessThanOrEqual(DEDUPE_CAPACITY);
		for (const shard of Object.values((store.dedupe as { shards: Record<string, string> }).shards)) {
			expect(shard.length).toBeLessThanOrEqual(DEDUPE_SHARD_CAPACITY * 16);
		}
		expect(seenBefore(store, id(DEDUPE_CAPACITY + 19_999), t0)).toBe(true);
	});

	test('the store of earlier versions (hex → ms) is carried over', () => {
		const t0 = Date.now();
		const old = id(7).deliveryId;
		const store: IDataObject = { deliveries: { [old]: t0 - 60_000 } };
		expect(seenBefore(store, id(7), t0)).toBe(true);
		expect(store.deliveries).toBeUndefined();
		expect(seenBefore(store, id(8), t0)).toBe(false);
	});
});

describe('eventTime and Fetch Latest State plans', () => {
	test('timestamps in ms or s, as numbers or strings', () => {
		expect(eventTimeOf('1779263269913')).toBe('2026-05-20T07:47:49.913Z');
		expect(eventTimeOf('17792632699130000000000')).toBeNull();
		expect(eventTimeOf('-1779263269')).toBeNull();
		expect(eventTimeOf(1779263269)).toBe('2026-05-20T07:47:49.000Z');
		expect(eventTimeOf('soon')).toBeNull();
		expect(eventTimeOf(undefined)).toBeNull();
	});

	test('requests per platform and kind', () => {
		const byEvent = (key: string) => EVENTS.find((e) => e.event === key)!;
		expect(latestRequestFor(byEvent('1688.orderStatusChanged'), { orderId: A_WAIT_SEND })).toEqual({
			request: { method: 'POST', path: '/alibaba/order/detail', body: { webSite: '1688', orderId: A_WAIT_SEND }, write: false },
		});
		expect(latestRequestFor(byEvent('taobao.orderStatusChanged'), { orderId: T_WAIT_PAY })).toEqual({
			request: { method: 'GET', path: '/open/order/get', query: { orderId: T_WAIT_PAY }, write: false },
		});
		expect(latestRequestFor(byEvent('1688.afterSaleRefund'), { refundId: 'TQ1' })).toMatchObject({ request: { method: 'POST', path: '/alibaba/refund/info', body: { refundId: 'TQ1' } } });
		expect(latestRequestFor(byEvent('taobao.afterSaleRefund'), { refundId: 'R1' })).toMatchObject({ request: { method: 'GET', path: '/v2/taobao/order/refund/query', query: { refundId: 'R1' } } });
		expect(latestRequestFor(byEvent('taobao.afterSaleRefund'), {})).toHaveProperty('skip');
		expect(orderIdInPush({ baseInfo: { idOfStr: A_WAIT_SEND, id: 1 } })).toBe(A_WAIT_SEND);
	});
});
