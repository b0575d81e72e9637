/**
 * Address and Logistics in n8n's real engine against the sandbox. The /open/pp/logistics/ family
 * is signed with `timestamp` and `sign` in the query string (added by the credential).
 */
import crypto from 'crypto';

import { runPandaPon } from '../helpers/engine';
import { LOGISTICS_RECEIVER } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';

const { sb, creds } = useSandbox();


/** The query `sign` must be MD5(accessKey + timestamp + nonce + secret), nonce from the header. */
function expectQuerySign(route: string) {
	const url = new URL(sb.lastUrl(route)!, 'http://x');
	const nonce = String(sb.lastHeaders(route)['nonce-str'] ?? '');
	const timestamp = url.searchParams.get('timestamp') ?? '';
	expect(timestamp).toMatch(/^\d{13}$/);
	const { accessKey, accessSecret } = sb.credentials;
	const expected = crypto.createHash('md5').update(accessKey + timestamp + nonce + accessSecret).digest('hex').toUpperCase();
	expect(url.searchParams.get('sign')).toBe(expected);
}

describe('Address', () => {
	it('Get returns one item per saved address', async () => {
		const { items, error } = await runPandaPon({ resource: 'address', operation: 'get' }, creds);
		expect(error).toBeUndefined();
		expect(sb.count('GET /open/address/get')).toBe(1);
		expect(items.length).toBe(2);
		expect(items.map((i) => i.json.id)).toEqual(['1001', '1002']);
	});

	it('Create or Update creates without an id and updates with one (id a bare integer)', async () => {
		const created = await runPandaPon(
			{ resource: 'address', operation: 'upsert', id: '', name: '李四', phone: '18600000000', province: '广东省', city: '深圳市', district: '宝安区', address: '西乡街道1号' },
			creds,
		);
		expect(created.error).toBeUndefined();
		expect(created.items[0].json).toEqual({ success: true });
		expect(sb.lastJson('POST /open/address/addOrUpdate')).toEqual({ name: '李四', phone: '18600000000', province: '广东省', city: '深圳市', district: '宝安区', address: '西乡街道1号' });
		const list = sb.state.addresses.get(sb.credentials.userId) as Array<{ id: number; name: string; city: string }>;
		const mine = list.find((a) => a.name === '李四')!;
		const updated = await runPandaPon({ resource: 'address', operation: 'upsert', id: String(mine.id), city: '广州市' }, creds);
		expect(updated.error).toBeUndefined();
		expect(sb.lastBody('POST /open/address/addOrUpdate')).toBe(`{"id":${mine.id},"city":"广州市"}`);
		expect(mine.city).toBe('广州市');
	});

	it('refuses to create an address without recipient, phone and street, naming the item', async () => {
		const { error } = await runPandaPon({ resource: 'address', operation: 'upsert', id: '', name: 'X' }, creds, [{}, {}]);
		expect(error?.message).toMatch(/"Recipient" is needed with Phone and Street Address to create an address \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});

	it('an unknown address id fails with PandaPon\'s not-found code; Continue On Fail keeps going', async () => {
		const { items } = await runPandaPon(
			{ resource: 'address', operation: 'upsert', id: '={{ $json.id }}', city: '杭州市' },
			creds,
			[{ id: '999999' }, { id: '1001' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(items[0].json.code).toBe(40410);
		expect(items[1].json).toEqual({ success: true });
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Logistics', () => {
	it('Estimate Freight is signed in the query and sends ids as strings, price as a decimal string', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'logistics',
				operation: 'estimateItemFreight',
				itemId: '2048232789087639',
				skuId: '4970432383383',
				quantity: 2,
				price: '19.90',
				currency: 'cny',
				receiverAddress: LOGISTICS_RECEIVER,
			},
			creds,
		);
		expect(error).toBeUndefined();
		expectQuerySign('POST /v2/open/pp/logistics/itemLogisticsPrice');
		expect(sb.lastJson('POST /v2/open/pp/logistics/itemLogisticsPrice')).toEqual({
			itemId: '2048232789087639',
			skuId: '4970432383383',
			quantity: 2,
			price: '19.90',
			currency: 'CNY',
			receiverAddress: { ...LOGISTICS_RECEIVER.address, country: 'US' },
		});
		expect((items[0].json.freightList as unknown[]).length).toBeGreaterThan(0);
	});

	it('a wrong secret is refused on the logistics family too', async () => {
		const { error } = await runPandaPon(
			{ resource: 'logistics', operation: 'estimateItemFreight', itemId: '1', skuId: '2', quantity: 1, price: '1', currency: 'CNY', receiverAddress: LOGISTICS_RECEIVER },
			{ ...creds, accessSecret: 'wrong' },
		);
		expect(error?.message).toContain('PandaPon error 40003');
	});

	it('refuses a non-decimal price and a missing country before sending', async () => {
		const base = { resource: 'logistics', operation: 'estimateItemFreight', itemId: '1', skuId: '2', quantity: 1, currency: 'CNY' };
		const badPrice = await runPandaPon({ ...base, price: '19,90', receiverAddress: LOGISTICS_RECEIVER }, creds);
		expect(badPrice.error?.message).toMatch(/"Unit Price" must be a decimal amount such as 19.90, got "19,90" \[item 0\]/);
		const noCountry = await runPandaPon({ ...base, price: '1', receiverAddress: { address: { ...LOGISTICS_RECEIVER.address, country: '' } } }, creds);
		expect(noCountry.error?.message).toMatch(/"Receiver Address" is missing Country \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});

	let renderId: string;

	it('Preview Freight quotes the lines and returns a renderId', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'logistics',
				operation: 'previewOrderFreight',
				receiverAddress: LOGISTICS_RECEIVER,
				renderItems: {
					line: [
						{ itemId: '2048020617114736', skuId: '413185732720', quantity: 1, price: '10', currency: 'CNY', serviceId: '1' },
						{ itemId: '2048232789087639', skuId: '4970432383383', quantity: 2, price: '5.5', currency: 'CNY', serviceId: '2' },
					],
				},
			},
			creds,
		);
		expect(error).toBeUndefined();
		expectQuerySign('POST /open/pp/logistics/orderRenderFreight');
		const sent = sb.lastJson('POST /open/pp/logistics/orderRenderFreight');
		expect(sent.renderItems[1]).toEqual({
			itemId: '2048232789087639',
			skuId: '4970432383383',
			quantity: 2,
			freightInfo: { serviceId: '2', companyName: '', serviceCategory: '' },
			currency: 'CNY',
			price: '5.5',
		});
		renderId = String(items[0].json.renderId);
		expect(renderId).toMatch(/^FF\d+/);
	});

	it('Create Shipment books the quoted lines by renderId', async () => {
		const { items, error } = await runPandaPon(
			{ resource: 'logistics', operation: 'createInternationalOrder', renderId, bookingFields: { tmallOrderId: '123123444', remark: 'fragile' } },
			creds,
		);
		expect(error).toBeUndefined();
		expectQuerySign('POST /open/pp/logistics/orderBookingFreight');
		expect(sb.lastJson('POST /open/pp/logistics/orderBookingFreight')).toEqual({ renderId, tmallOrderInfo: { tmallOrderId: '123123444' }, remark: 'fragile' });
		expect(items[0].json).toMatchObject({ renderId, status: 'BOOKED' });
	});

	it('Create Shipment with an unknown renderId fails with PandaPon\'s not-found error', async () => {
		const { error } = await runPandaPon({ resource: 'logistics', operation: 'createInternationalOrder', renderId: 'FF1999010100001' }, creds);
		expect(error?.message).toContain('PandaPon error 40410');
		expect(error?.description).toContain('Request ID');
	});

	it('Update Domestic Shipping sends logisticNumer as the API spells it, from defined lines', async () => {
		const { items, error } = await runPandaPon(
			{
				resource: 'logistics',
				operation: 'updateDomesticLogistics',
				orderId: '21',
				tmallOrderId: '12345667',
				linesInput: 'define',
				logisticLines: {
					line: [
						{
							itemId: '2048020617114736',
							skuId: '413185732720',
							quantity: 1,
							title: '商品1',
							logisticNumer: 'FARJP2408000013YQ',
							logisticCompanyName: '顺丰',
							domesticNumbers: 'SF1234521212678, SF1234521212679',
							rtsTime: '2025-08-04T21:22:14.000Z',
						},
					],
				},
			},
			creds,
		);
		expect(error).toBeUndefined();
		expectQuerySign('POST /open/pp/logistics/updateLogisticInfo');
		expect(sb.lastJson('POST /open/pp/logistics/updateLogisticInfo')).toEqual({
			orderId: '21',
			tmallOrderId: '12345667',
			logisticInfos: [
				{
					lineItem: { itemId: '2048020617114736', skuId: '413185732720', quantity: 1, title: '商品1' },
					logisticNumer: 'FARJP2408000013YQ',
					domesticLogisticInfo: [
						{ logisticNumer: 'SF1234521212678', logisticCompanyName: '顺丰', rtsTime: '1754342534' },
						{ logisticNumer: 'SF1234521212679', logisticCompanyName: '顺丰', rtsTime: '1754342534' },
					],
				},
			],
		});
		expect(items[0].json).toEqual({ result: true });
	});

	it('Update Domestic Shipping takes the documented JSON as is, and rejects a non-array', async () => {
		const infos = [{ lineItem: { itemId: '1', skuId: '2', quantity: 1 }, logisticNumer: 'X1', domesticLogisticInfo: [] }];
		const ok = await runPandaPon(
			{ resource: 'logistics', operation: 'updateDomesticLogistics', orderId: '22', linesInput: 'json', logisticInfos: JSON.stringify(infos) },
			creds,
		);
		expect(ok.error).toBeUndefined();
		expect(sb.lastJson('POST /open/pp/logistics/updateLogisticInfo').logisticInfos).toEqual(infos);
		sb.resetCounters();
		const bad = await runPandaPon(
			{ resource: 'logistics', operation: 'updateDomesticLogistics', orderId: '22', linesInput: 'json', logisticInfos: '{"a":1}' },
			creds,
		);
		expect(bad.error?.message).toMatch(/"Lines \(JSON\)" must be a non-empty JSON array \[item 0\]/);
		expect(sb.counters().total).toBe(0);
	});
});
