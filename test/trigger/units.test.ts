import { createHmac } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { PandaPonTrigger, eventTimeOf } from '../../nodes/PandaPonTrigger/PandaPonTrigger.node';
import { DEDUPE_MAX_ENTRIES, DEDUPE_TTL_MS, canonicalJson, fingerprint, seenBefore } from '../../nodes/PandaPonTrigger/dedupe';
import { EVENTS, classify, isSelected } from '../../nodes/PandaPonTrigger/events';
import { latestRequestFor, orderIdOf } from '../../nodes/PandaPonTrigger/latest';
import { checkSignature, topLevelValueText } from '../../nodes/PandaPonTrigger/signature';

describe('signature helpers', () => {
	const secret = 's3cret';
	const hex = (b: string) => createHmac('sha256', secret).update(b).digest('hex');

	test('raw body first, then fallbacks; missing / malformed / mismatch are told apart', () => {
		const raw = Buffer.from('{"a":1}');
		expect(checkSignature(hex('{"a":1}'), secret, raw, () => [])).toEqual({ ok: true, base: 'rawBody' });
		expect(checkSignature(hex('inner'), secret, raw, () => ['inner'])).toEqual({ ok: true, base: 'messageBody' });
		expect(checkSignature(undefined, secret, raw, () => [])).toEqual({ ok: false, reason: 'missing' });
		expect(checkSignature('abc', secret, raw, () => [])).toEqual({ ok: false, reason: 'malformed' });
		expect(checkSignature(hex('other'), secret, raw, () => ['x'])).toEqual({ ok: false, reason: 'mismatch' });
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
		expect(d.credentials).toEqual([{ name: 'pandaPonApi', required: true, testedBy: 'pandaPonApiTest' }]);
		expect(typeof new PandaPonTrigger().methods.credentialTest.pandaPonApiTest).toBe('function');
		expect((d as unknown as { usableAsTool?: boolean }).usableAsTool).toBeUndefined();
		expect(d.icon).toEqual({ light: 'file:pandapon.svg', dark: 'file:pandapon.dark.svg' });
		expect(d.properties.find((p) => p.name === 'notice')!.displayName).toContain('Message Service');
	});
});

describe('dedupe store', () => {
	test('canonical JSON ignores key order', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { y: 2, z: 1 }] }, b: 1 }));
		expect(fingerprint('T', 'taobao', { a: 1 })).not.toBe(fingerprint('T', '1688', { a: 1 }));
	});

	test('entries expire after 3 hours', () => {
		const store = {};
		expect(seenBefore(store, 'a', 0)).toBe(false);
		expect(seenBefore(store, 'a', DEDUPE_TTL_MS - 1)).toBe(true);
		expect(seenBefore(store, 'a', 2 * DEDUPE_TTL_MS)).toBe(false);
	});

	test('the store is capped, oldest dropped first', () => {
		const store: IDataObject = {};
		for (let i = 0; i < DEDUPE_MAX_ENTRIES + 50; i++) seenBefore(store, `fp${i}`, 1000 + i);
		const kept = Object.keys(store.deliveries as object);
		expect(kept).toHaveLength(DEDUPE_MAX_ENTRIES);
		expect(kept).not.toContain('fp0');
		expect(kept).toContain(`fp${DEDUPE_MAX_ENTRIES + 49}`);
	});
});

describe('eventTime and Fetch Latest State plans', () => {
	test('timestamps in ms or s, as numbers or strings', () => {
		expect(eventTimeOf('1779263269913')).toBe('2026-05-20T07:47:49.913Z');
		expect(eventTimeOf(1779263269)).toBe('2026-05-20T07:47:49.000Z');
		expect(eventTimeOf('soon')).toBeNull();
		expect(eventTimeOf(undefined)).toBeNull();
	});

	test('requests per platform and kind', () => {
		const byEvent = (key: string) => EVENTS.find((e) => e.event === key)!;
		expect(latestRequestFor(byEvent('1688.orderStatusChanged'), { orderId: '2542285634920880794' })).toEqual({
			request: { method: 'POST', path: '/alibaba/order/detail', body: { webSite: '1688', orderId: '2542285634920880794' }, write: false },
		});
		expect(latestRequestFor(byEvent('taobao.orderStatusChanged'), { orderId: '3021045938172635401' })).toEqual({
			request: { method: 'GET', path: '/open/order/get', query: { orderId: '3021045938172635401' }, write: false },
		});
		expect(latestRequestFor(byEvent('1688.afterSaleRefund'), { refundId: 'TQ1' })).toMatchObject({ request: { method: 'POST', path: '/alibaba/refund/info', body: { refundId: 'TQ1' } } });
		expect(latestRequestFor(byEvent('taobao.afterSaleRefund'), { refundId: 'R1' })).toMatchObject({ request: { method: 'GET', path: '/v2/taobao/order/refund/query', query: { refundId: 'R1' } } });
		expect(latestRequestFor(byEvent('taobao.afterSaleRefund'), {})).toHaveProperty('skip');
		expect(orderIdOf({ baseInfo: { idOfStr: '2542285634920880794', id: 1 } })).toBe('2542285634920880794');
	});
});
