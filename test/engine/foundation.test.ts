/**
 * The foundation slice in n8n's real engine against the sandbox: signing, lossless ids,
 * the refund-reason dropdown, Create Refund, errors, Continue On Fail and bad input.
 */
import type { INodeParameters } from 'n8n-workflow';

import { assertNoSecrets, listSearch, loadOptions, runPandaPon, testCredential, type SandboxCredentials } from '../helpers/engine';
import { CANARY_SECRET, startTestSandbox, type TestSandbox } from '../helpers/sandbox';

const ORDER = '2542285634920880794';
const ENTRIES = ['2542285634921880794', '2542285634922880794'];
const SHIPPED = '1024285237573584051';
const SHIPPED_ENTRY = '1024285237574584051';

let sb: TestSandbox;
let creds: SandboxCredentials;

beforeAll(async () => {
	sb = await startTestSandbox();
	creds = sb.nodeCredentials;
});
afterAll(() => sb?.close());
beforeEach(() => sb.resetCounters());

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const reasonsParams = (goodsStatus = 'refundWaitSellerSend'): INodeParameters => ({
	resource: 'alibabaAfterSale',
	operation: 'getRefundReasons',
	orderId: byId(ORDER),
	orderEntryIds: ENTRIES.join(', '),
	goodsStatus,
});

describe('credential', () => {
	it('passes the test with the right keys', async () => {
		expect(await testCredential(creds)).toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it('reports a wrong secret with PandaPon code, message and hint, never the secret', async () => {
		const result = await testCredential({ ...creds, accessSecret: 'wrong-secret-123' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('40003');
		expect(result.message).toContain('Signature verification failed');
		expect(result.message).toContain('Access Key and Access Secret');
		expect(result.message).not.toContain('wrong-secret-123');
	});

	it('signs in seconds when the credential says so', async () => {
		expect((await testCredential({ ...creds, timestampUnit: 'seconds' })).status).toBe('OK');
	});

	it('names the base URL when nothing answers there', async () => {
		const result = await testCredential({ ...creds, baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('http://127.0.0.1:9');
	});
});

describe('1688 order Get', () => {
	it('returns the order with every digit of its 19-digit ids', async () => {
		const { items, error } = await runPandaPon({ resource: 'alibabaOrder', operation: 'get', orderId: byId(ORDER) }, creds);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(1);
		const order = items[0].json as { baseInfo: { id: unknown }; productItems: Array<{ subItemID: unknown }> };
		expect(order.baseInfo.id).toBe(ORDER);
		expect(order.productItems.map((p) => p.subItemID)).toEqual(ENTRIES);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(sb.count('POST /alibaba/order/detail')).toBe(1);
	});

	it('takes the id from an input item through an expression, and from a 1688 order URL', async () => {
		const { items } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: ORDER }],
		);
		expect((items[0].json.baseInfo as { id: string }).id).toBe(ORDER);
		const url = `https://trade.1688.com/order/new_step_order_detail.htm?orderId=${ORDER}`;
		const viaUrl = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'url', value: url } },
			creds,
		);
		expect((viaUrl.items[0].json.baseInfo as { id: string }).id).toBe(ORDER);
	});

	it('lists orders for the From List mode', async () => {
		const page = await listSearch('searchAlibabaOrders', { resource: 'alibabaOrder', operation: 'get' }, creds);
		expect(page.results.length).toBeGreaterThan(0);
		for (const r of page.results) expect(String(r.value)).toMatch(/^\d{6,20}$/);
		expect(page.results.map((r) => r.value)).toContain(ORDER);
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
		const expected = sb.reasonsFor(ORDER, 'refundWaitSellerSend');
		expect(items.map((i) => i.json.id)).toEqual(expected.map((r) => r.id));
		expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('the Refund Reason dropdown lists the reasons for the chosen order and reloads per order and goods status', async () => {
		const params = { ...reasonsParams(), operation: 'createRefund' };
		const first = await loadOptions('getAlibabaRefundReasons', params, creds);
		expect(first.map((o) => o.value)).toEqual(sb.reasonsFor(ORDER, 'refundWaitSellerSend').map((r) => String(r.id)));
		expect(first[0].name).toBe(sb.reasonsFor(ORDER, 'refundWaitSellerSend')[0].name);
		// Another order (already shipped), its line, and two goods statuses it allows
		const shipped = { ...params, orderId: byId(SHIPPED), orderEntryIds: SHIPPED_ENTRY };
		for (const goodsStatus of ['refundWaitBuyerReceive', 'refundBuyerReceived']) {
			const other = await loadOptions('getAlibabaRefundReasons', { ...shipped, goodsStatus }, creds);
			expect(other.map((o) => o.value)).toEqual(sb.reasonsFor(SHIPPED, goodsStatus).map((r) => String(r.id)));
			expect(other.map((o) => o.value)).not.toEqual(first.map((o) => o.value));
		}
		expect(sb.count('POST /alibaba/refund/reason/list')).toBe(3);
	});

	it('the dropdown shows PandaPon\'s error when the goods status does not fit the order', async () => {
		await expect(
			loadOptions('getAlibabaRefundReasons', { ...reasonsParams('aftersaleBuyerReceived'), operation: 'createRefund' }, creds),
		).rejects.toThrow(/PandaPon error 40900/);
	});

	it('the dropdown stays empty, sending nothing, until order and lines are filled', async () => {
		const empty = await loadOptions('getAlibabaRefundReasons', { ...reasonsParams(), orderEntryIds: '' }, creds);
		expect(empty).toEqual([]);
		expect(sb.count('POST /alibaba/refund/reason/list')).toBe(0);
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
		expect(sent).toMatch(new RegExp(`"orderId":${ORDER}[,}]`));
		expect(sent).toContain(`"orderEntryIds":[${ENTRIES.join(',')}]`);
	});

	it.each([
		['applyPayment', -5, /"Goods Amount \(Fen\)" must be at least 0, got -5 \[item 0\]/],
		['applyPayment', 12.5, /"Goods Amount \(Fen\)" must be a whole number/],
		['orderEntryIds', '25422856349218807x4', /"Sub-Order IDs" must be digits only/],
		// n8n itself refuses a literally empty required field; an expression can still yield one
		['orderEntryIds', '={{ "" }}', /"Sub-Order IDs" is empty \[item 0\]/],
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
			[{ id: ORDER }, { id: '1234567890123456789' }, { id: 'not-an-id' }, { id: SHIPPED }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items).toHaveLength(4);
		expect(items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2, 3]);
		expect((items[0].json.baseInfo as { id: string }).id).toBe(ORDER);
		expect(items[1].json.code).toBe(40410);
		expect(items[1].json.error).toContain('PandaPon error 40410');
		expect(items[1].json.requestId).toMatch(/^[0-9a-f]{32}$/);
		expect(items[2].json.error).toMatch(/"Order" must be digits only.*\[item 2\]/);
		expect((items[3].json.baseInfo as { id: string }).id).toBe(SHIPPED);
		expect(sb.count('POST /alibaba/order/detail')).toBe(3);
	});

	it('without Continue On Fail the first failing item stops the run and names its item', async () => {
		const { error } = await runPandaPon(
			{ resource: 'alibabaOrder', operation: 'get', orderId: { __rl: true, mode: 'id', value: '={{ $json.id }}' } },
			creds,
			[{ id: ORDER }, { id: '1234567890123456789' }],
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
				body: `{"orderId": ${ORDER}, "orderEntryIds": [${ENTRIES[0]}], "goodsStatus": "refundWaitSellerSend"}`,
			},
			creds,
		);
		expect(error).toBeUndefined();
		expect(items.length).toBe(sb.reasonsFor(ORDER, 'refundWaitSellerSend').length);
		expect(sb.lastBody('POST /alibaba/refund/reason/list')).toContain(`"orderId": ${ORDER}`);
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
