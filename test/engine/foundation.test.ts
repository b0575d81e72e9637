/**
 * The foundation slice in n8n's real engine against the sandbox: signing, lossless ids,
 * the refund-reason dropdown, Create Refund, errors, Continue On Fail and bad input.
 */
import http from 'http';
import type { AddressInfo } from 'net';

import type { INodeParameters } from 'n8n-workflow';

import { KNOWN_ERRORS } from '../../nodes/shared/credentialTest';
import { ALIBABA_ORDER_STATUS } from '../../nodes/PandaPon/helpers/alibabaFields';

import { assertNoSecrets, listSearch, loadOptions, runPandaPon, testCredential } from '../helpers/engine';
import { A_SHIPPED, A_SHIPPED_ENTRY, A_WAIT_SEND, A_WAIT_SEND_ENTRIES, byId } from '../helpers/fixtures';
import { CANARY_SECRET, useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox();

const reasonsParams = (goodsStatus = 'refundWaitSellerSend'): INodeParameters => ({
	resource: 'alibabaAfterSale',
	operation: 'getRefundReasons',
	orderId: byId(A_WAIT_SEND),
	orderEntryIds: A_WAIT_SEND_ENTRIES.join(', '),
	goodsStatus,
});

describe('credential', () => {
	const CART = 'GET /v2/alibaba/cart/list';

	it('passes the test with the right keys, signed like every request', async () => {
		expect(await testCredential(creds)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sb.count(CART)).toBe(1);
		expect(sb.lastHeaders(CART)['access-key']).toBe(creds.accessKey);
	});

	it('reports a wrong secret with PandaPon code, message and hint, never the secret', async () => {
		const result = await testCredential({ ...creds, accessSecret: 'wrong-secret-123' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('PandaPon error 40003: Signature verification failed.');
		expect(result.message).toContain('Access Key and Access Secret');
		expect(result.message).not.toContain('wrong-secret-123');
	});

	it('reports a wrong Access Key with PandaPon code and message', async () => {
		const result = await testCredential({ ...creds, accessKey: 'not-a-sandbox-key' });
		expect(result).toMatchObject({ status: 'Error', message: expect.stringContaining('PandaPon error 40002: Invalid access-key.') });
	});

	it('reports a clock outside the window with the timestamp hint', async () => {
		sb.setOptions({ clockSkewMs: 3_600_000 });
		try {
			const result = await testCredential(creds);
			expect(result.message).toMatch(/^PandaPon error 40004: Timestamp expired/);
			expect(result.message).toContain('Timestamp Unit');
		} finally {
			sb.setOptions({ clockSkewMs: 0 });
		}
	});

	it('signs in seconds when the credential says so', async () => {
		expect((await testCredential({ ...creds, timestampUnit: 'seconds' })).status).toBe('OK');
	});

	it("lists PandaPon's messages as the sandbox answers them", () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { E } = require('../../sandbox/errors') as { E: Record<string, (...a: string[]) => { code: number; msg: string }> };
		const sandboxAnswers = Object.values(E).map((make) => make('x', 'y'));
		for (const { code, msg } of KNOWN_ERRORS) {
			const answer = sandboxAnswers.find((a) => a.code === code);
			expect(answer?.msg.startsWith(msg)).toBe(true);
		}
	});

	it("fails on a rate-limit answer, an HTTP error and a page that is not PandaPon's JSON", async () => {
		try {
			sb.setFaults({ [CART]: { errorRate: 1, errorKinds: ['rateLimit'] } });
			expect((await testCredential(creds)).message).toMatch(/^PandaPon error 42900: /);
			sb.setFaults({ [CART]: { errorRate: 1, errorKinds: ['html'] } }); // HTTP 502 from a proxy
			expect(await testCredential(creds)).toEqual({ status: 'Error', message: expect.stringMatching(/^Bad gateway/) });
		} finally {
			sb.setFaults({});
		}
		const page = await answering(200, { 'content-type': 'text/html' }, '<!DOCTYPE html><html><body>Welcome</body></html>');
		try {
			const result = await testCredential({ ...creds, baseUrl: page.url });
			expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/did not answer with PandaPon's JSON/) });
		} finally {
			page.close();
		}
	});

	it('fails on an error code it does not list (PandaPon error envelopes carry no data)', async () => {
		for (const body of [{ code: 47777, msg: 'Some new error', data: null }, { code: 47777, msg: 'Some new error' }]) {
			const server = await answering(200, {}, JSON.stringify(body));
			try {
				const result = await testCredential({ ...creds, baseUrl: server.url });
				expect(result).toEqual({ status: 'Error', message: expect.stringContaining('a code this test does not list') });
			} finally {
				server.close();
			}
		}
	});

	it('does not follow a redirect with the signed headers', async () => {
		const server = await answering(302, { location: `${sb.url}/v2/alibaba/cart/list` }, '');
		try {
			const result = await testCredential({ ...creds, baseUrl: server.url });
			expect(result.status).toBe('Error');
			expect(sb.count(CART)).toBe(0);
		} finally {
			server.close();
		}
	});

	it('fails when nothing answers at the Base URL', async () => {
		const result = await testCredential({ ...creds, baseUrl: 'http://127.0.0.1:9' });
		// n8n's declarative test shows its own wording for the network error, without the URL.
		expect(result).toEqual({ status: 'Error', message: expect.stringMatching(/refused the connection/) });
	});
});

/** A loopback server answering every request with one status, headers and body. */
async function answering(status: number, headers: Record<string, string>, body: string) {
	const server = http.createServer((_req, res) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

describe('1688 order Get', () => {
	it('returns the order with every digit of its 19-digit ids', async () => {
		const { items, error } = await runPandaPon({ resource: 'alibabaOrder', operation: 'get', orderId: byId(A_WAIT_SEND), simplify: false }, creds);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const order = items[0].json as { baseInfo: { id: unknown }; productItems: Array<{ subItemID: unknown; productID: unknown; skuID: unknown }> };
		expect(order.baseInfo.id).toBe(A_WAIT_SEND);
		expect(order.productItems.map((p) => p.subItemID)).toEqual(A_WAIT_SEND_ENTRIES);
		// Ids short enough for a JS number are text too: a column never mixes numbers and strings.
		for (const line of order.productItems) {
			expect(line.productID).toEqual(expect.stringMatching(/^\d+$/));
			expect(line.skuID).toEqual(expect.stringMatching(/^\d+$/));
		}
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(sb.count('POST /alibaba/order/detail')).toBe(1);
	});

	it('takes the id from an input item through an expression, and from a 1688 order URL', async () => {
		const { items } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: A_WAIT_SEND }],
		);
		expect(items[0].json.orderId).toBe(A_WAIT_SEND);
		const url = `https://trade.1688.com/order/new_step_order_detail.htm?orderId=${A_WAIT_SEND}`;
		const viaUrl = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'url', value: url } },
			creds,
		);
		expect(viaUrl.items[0].json.orderId).toBe(A_WAIT_SEND);
	});

	it('lists orders for the From List mode', async () => {
		const page = await listSearch('searchAlibabaOrders', { resource: 'alibabaOrder', operation: 'get' }, creds);
		expect(page.results.length).toBeGreaterThan(0);
		for (const r of page.results) expect(String(r.value)).toMatch(/^\d{6,20}$/);
		expect(page.results.map((r) => r.value)).toContain(A_WAIT_SEND);
		// The picker names the status in the words of Get Many's Status filter.
		const picked = page.results.find((r) => r.value === A_WAIT_SEND)!;
		expect(picked.name).toContain(' · Awaiting Shipment');
		const filterWords = ALIBABA_ORDER_STATUS.map((o) => o.name);
		for (const r of page.results) expect(filterWords).toContain(r.name.split(' · ')[1]);
	});

	it('refuses an id that arrived as a lossy JavaScript number, before sending anything', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: 2542285634920880794 }],
		);
		expect(error?.message).toMatch(/"Order" arrived as the number .* \[item 0\]/);
		expect(error?.description).toContain('as text');
		expect(sb.count('POST /alibaba/order/detail')).toBe(0);
	});
});

describe('refund reasons', () => {
	it('Get Refund Reasons returns one item per reason from the sandbox', async () => {
		const { items, error } = await runPandaPon(reasonsParams(), creds);
		expect(error).toBeUndefined();
		const expected = sb.reasonsFor(A_WAIT_SEND, 'refundWaitSellerSend');
		expect(items.map((i) => i.json.id)).toEqual(expected.map((r) => String(r.id)));
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('the Refund Reason dropdown lists the reasons for the chosen order and reloads per order and goods status', async () => {
		const params = { ...reasonsParams(), operation: 'createRefund' };
		const first = await loadOptions('getAlibabaRefundReasons', params, creds);
		expect(first.map((o) => o.value)).toEqual(sb.reasonsFor(A_WAIT_SEND, 'refundWaitSellerSend').map((r) => String(r.id)));
		expect(first[0].name).toBe(sb.reasonsFor(A_WAIT_SEND, 'refundWaitSellerSend')[0].name);
		// Another order (already shipped), its line, and two goods statuses it allows
		const shipped = { ...params, orderId: byId(A_SHIPPED), orderEntryIds: A_SHIPPED_ENTRY };
		for (const goodsStatus of ['refundWaitBuyerReceive', 'refundBuyerReceived']) {
			const other = await loadOptions('getAlibabaRefundReasons', { ...shipped, goodsStatus }, creds);
			expect(other.map((o) => o.value)).toEqual(sb.reasonsFor(A_SHIPPED, goodsStatus).map((r) => String(r.id)));
			expect(other.map((o) => o.value)).not.toEqual(first.map((o) => o.value));
		}
		expect(sb.count('POST /alibaba/refund/reason/list')).toBe(3);
	});

	it('the dropdown shows PandaPon\'s error when the goods status does not fit the order', async () => {
		await expect(
			loadOptions('getAlibabaRefundReasons', { ...reasonsParams('aftersaleBuyerReceived'), operation: 'createRefund' }, creds),
		).rejects.toThrow(/PandaPon error 40900/);
	});

	it('the dropdown says to pick an order first, sending nothing, until an order is picked', async () => {
		await expect(
			loadOptions('getAlibabaRefundReasons', { ...reasonsParams(), orderId: { __rl: true, mode: 'list', value: '' } }, creds),
		).rejects.toThrow(/Pick an order first/);
		expect(sb.counters().total).toBe(0);
	});
});

describe('Create Refund', () => {
	it('creates exactly one refund with a reason from the dropdown', async () => {
		const options = await loadOptions('getAlibabaRefundReasons', { ...reasonsParams(), operation: 'createRefund' }, creds);
		const { items, error } = await runPandaPon(
			{
				...reasonsParams(),
				operation: 'createRefund',
				applyReasonId: options[0].value,
				disputeRequest: 'refund',
				applyPayment: 1990,
				applyCarriage: 0,
				description: 'Wrong colour',
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(String(items[0].json.refundId)).toMatch(/^TQ\d+/);
		expect(sb.count('POST /alibaba/refund/detail/create')).toBe(1);
		const sent = sb.lastBody('POST /alibaba/refund/detail/create');
		expect(sent).toMatch(new RegExp(`"orderId":${A_WAIT_SEND}[,}]`));
		expect(sent).toContain(`"orderEntryIds":[${A_WAIT_SEND_ENTRIES.join(',')}]`);
	});

	it.each([
		['applyPayment', -5, /"Goods Amount \(Fen\)" must be at least 0, got -5 \[item 0\]/],
		['applyPayment', 12.5, /"Goods Amount \(Fen\)" must be a whole number/],
		['orderEntryIds', '25422856349218807x4', /"Order Line Names or IDs" must be digits only/],
		['description', '={{ "  " }}', /"Description" is empty \[item 0\]/],
		['goodsStatus', 'lost', /"Goods Status" must be one of/],
	])('rejects %s = %p with a clear error and sends nothing', async (field, value, message) => {
		const { error } = await runPandaPon(
			{
				...reasonsParams(),
				operation: 'createRefund',
				applyReasonId: 1,
				disputeRequest: 'refund',
				applyPayment: 100,
				applyCarriage: 0,
				description: 'x',
				[field]: value,
			},
			creds,
		);
		expect(error?.message).toMatch(message);
		expect(error?.description).toBeTruthy();
		expect(sb.counters().total).toBe(0);
	});

	it('with no lines given, an order whose lines all have a refund is refused after reading it, creating nothing', async () => {
		const { error } = await runPandaPon(
			{ ...reasonsParams(), operation: 'createRefund', orderEntryIds: '={{ "" }}', applyReasonId: 1, description: 'x' },
			creds,
		);
		expect(error?.message).toMatch(/"Order" names an order with nothing to refund \(Order \d+ has no refundable lines: status waitsellersend, every line already has a refund\) \[item 0\]/);
		expect(sb.count('POST /alibaba/refund/detail/create')).toBe(0);
	});
});

describe('secrets', () => {
	it('every engine run in the suite uses the canary secret and is checked for it and for signatures', () => {
		expect(creds.accessSecret).toBe(CANARY_SECRET);
		expect(() => assertNoSecrets({ error: `x ${CANARY_SECRET}` }, CANARY_SECRET)).toThrow(/Access Secret/);
		expect(() => assertNoSecrets({ headers: { signature: 'x' } }, CANARY_SECRET)).toThrow(/signature/);
		expect(() => assertNoSecrets({ h: 'B7F83FE2ADC8D8F044F2E01F0FFE8C80' }, CANARY_SECRET)).toThrow(/signature/);
		expect(() => assertNoSecrets({ requestId: '4cfda0b725184ab8a1e3ee3b9051ec35' }, CANARY_SECRET)).not.toThrow();
	});
});

describe('errors', () => {
	it('a wrong secret fails with code, message, request ID and hint, and no secret or signature', async () => {
		const secret = 'S3CRET-never-shown-0042';
		const { error, run } = await runPandaPon(reasonsParams(), { ...creds, accessSecret: secret });
		expect(error?.message).toBe('PandaPon error 40003: Signature verification failed');
		expect(error?.description).toContain('Access Key and Access Secret');
		expect(error?.description).toMatch(/Request ID: [0-9a-f]{32}/);
		const everything = JSON.stringify(run);
		expect(everything).not.toContain(secret);
		expect(everything).not.toMatch(/"signature"\s*:/);
	});

	it('Continue On Fail turns a failing item into an error item while the others succeed', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: A_WAIT_SEND }, { id: '1234567890123456789' }, { id: 'not-an-id' }, { id: A_SHIPPED }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect(items[0].json.orderId).toBe(A_WAIT_SEND);
		expect(items[1].json.code).toBe(40410);
		expect(items[1].json.error).toContain('PandaPon error 40410');
		expect(items[1].json.requestId).toMatch(/^[0-9a-f]{32}$/);
		expect(items[2].json.error).toMatch(/"Order" must be digits only.*\[item 2\]/);
		expect(items[3].json.orderId).toBe(A_SHIPPED);
		expect(sb.count('POST /alibaba/order/detail')).toBe(3);
	});

	it('without Continue On Fail the first failing item stops the run and names its item', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: A_WAIT_SEND }, { id: '1234567890123456789' }],
		);
		expect(error?.message).toContain('PandaPon error 40410');
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
	});
});

describe('Custom API Call', () => {
	it('sends the JSON body exactly as written, signed, and parses the answer losslessly', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'customApiCall',
				operation: 'request',
				method: 'POST',
				path: '/alibaba/refund/reason/list',
				body: `{"orderId": ${A_WAIT_SEND}, "orderEntryIds": [${A_WAIT_SEND_ENTRIES[0]}], "goodsStatus": "refundWaitSellerSend"}`,
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items.length).toBe(sb.reasonsFor(A_WAIT_SEND, 'refundWaitSellerSend').length);
		expect(sb.lastBody('POST /alibaba/refund/reason/list')).toContain(`"orderId": ${A_WAIT_SEND}`);
	});

	it('GET with query parameters', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'customApiCall', operation: 'request', method: 'GET', path: '/v2/alibaba/cart/list', query: '{}' },
			creds,
		);
		expect(error).toBeUndefined();
		expect(items.length).toBe(1);
		expect(sb.count('GET /v2/alibaba/cart/list')).toBe(1);
	});

	it('rejects malformed JSON in the body before sending', async () => {
		const { error } = await runPandaPon(
			{ resource: 'customApiCall', operation: 'request', method: 'POST', path: '/x', body: '{"a": 1,' },
			creds,
		);
		expect(error?.message).toMatch(/"Body \(JSON\)" is not valid JSON/);
		expect(sb.counters().total).toBe(0);
	});
});
