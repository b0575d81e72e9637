/**
 * Bad input, for EVERY operation the node declares: one malformed parameter at a time on top of
 * a valid baseline gives an error that names the field (its display name) and the item, carries
 * a hint, and sends nothing. Mutations are derived from each operation's properties (required
 * fields emptied by expression, numbers negative or not numbers, options off the list, JSON
 * broken, Limit below 1), plus hand-written ones (non-digit ids, too many ids, …). A new
 * operation is picked up from OPERATIONS automatically; without a baseline it fails loudly.
 */
import type { INodeParameters } from 'n8n-workflow';

import { A_WAIT_SEND, OFFER, SPEC, T_BIG_ITEM, T_BIG_SKU, T_ITEM, T_PAID, byId } from '../helpers/fixtures';
import { useSandbox } from '../helpers/sandbox';
import { BASELINES, OPERATIONS, keyOf, runOp, shown, type Spec } from './baselines';
import { recordFigures } from './lib';

const { sb, creds } = useSandbox({ orders: 120 });
const figures = { operations: 0, mutations: 0, noInputOperations: 0, refusedByN8n: 0, acceptedOnPurpose: 0 };

afterAll(() => recordFigures('badInput', figures));

interface Mutation {
	/** What is wrong, for the report. */
	what: string;
	/** Parameters merged over the baseline. */
	patch: INodeParameters;
	/** The display name the error must quote. */
	label: string;
	/** Optional extra check on the message. */
	message?: RegExp;
}

const EMPTY = '={{ "" }}';
const ids = (n: number, start = 1000000000000000000n) => Array.from({ length: n }, (_, i) => String(start + BigInt(i))).join(',');

/** Operations that take no parameters at all: nothing a user can get wrong before sending. */
const NO_INPUT: Record<string, string> = {
	'alibabaCart:getAll': 'no parameters: it lists the whole 1688 cart of the credential\'s user',
	'alibabaAfterSale:listLogisticsCompanies': 'no parameters: it lists the fixed carrier table',
	'address:get': 'no parameters: it lists the addresses of the credential\'s user',
};

/** Hand-written mutations on top of the derived ones. */
const EXTRA: Record<string, Mutation[]> = {
	'taobaoProduct:getManyByIds': [
		{ what: 'letters in an item id', patch: { products: { product: [{ itemId: '67299x', skuIds: '' }] } }, label: '"Products"', message: /digits only/ },
		{ what: 'letters in a SKU id', patch: { products: { product: [{ itemId: T_ITEM, skuIds: '12, x9' }] } }, label: '"Products"' },
	],
	'taobaoProduct:get': [{ what: 'non-digit id', patch: { itemId: byId('={{ "67299x" }}') }, label: '"Item"', message: /digits only/ }],
	'taobaoProduct:getSourceInquiry': [{ what: 'non-digit id', patch: { itemId: byId('={{ "6729 91" }}') }, label: '"Item"' }],
	'taobaoOrder:create': [
		{
			what: 'negative quantity on a line',
			patch: { orderLines: { line: [{ itemId: T_BIG_ITEM, skuId: T_BIG_SKU, quantity: -2, priceYuan: '0.01', currency: 'CNY' }] } },
			label: '"Order Lines"',
			message: /"Quantity" must be at least 1/,
		},
		{
			what: 'non-digit item id on a line',
			patch: { orderLines: { line: [{ itemId: '60012624503104119O', skuId: T_BIG_SKU, quantity: 1, priceYuan: '0.01' }] } },
			label: '"Order Lines"',
		},
		{ what: 'no lines', patch: { orderLines: {} }, label: '"Order Lines"' },
		{ what: 'receiver without a name', patch: { receiver: { address: { name: '', mobile_phone: '1', state: 's', city: 'c', district: 'd', address: 'a' } } }, label: '"Receiver"' },
	],
	'taobaoOrder:get': [{ what: 'lossy numeric id', patch: { orderId: byId(`={{ ${T_PAID} }}`) }, label: '"Order"', message: /arrived as the number/ }],
	'taobaoOrder:cancel': [{ what: 'cancel reason over 200 characters', patch: { cancelReason: 'x'.repeat(201) }, label: '"Cancel Reason"' }],
	'taobaoOrder:pay': [{ what: 'letters in the id', patch: { orderId: byId('={{ "30210459381726354O1" }}') }, label: '"Order"' }],
	'taobaoOrder:updateWarehouse': [{ what: 'neither name nor address', patch: { warehouseName: '', warehouseAddress: '' }, label: '"Warehouse Name"' }],
	'taobaoCart:delete': [
		{ what: 'letters in an id', patch: { ids: '101, abc' }, label: '"Cart Item Names or IDs"', message: /digits only/ },
		{ what: 'more than 200 ids', patch: { ids: ids(201) }, label: '"Cart Item Names or IDs"', message: /more than the 200 allowed/ },
	],
	'taobaoCart:previewOrder': [{ what: 'letters in an id', patch: { ids: '101, abc' }, label: '"Cart Item Names or IDs"', message: /digits only/ }],
	'taobaoCart:createOrder': [{ what: 'no address', patch: { orderAddress: {} }, label: '"Delivery Address"' }],
	'taobaoCart:updateQuantity': [{ what: 'quantity above the maximum', patch: { quantity: 10000 }, label: '"Quantity"' }],
	'taobaoAfterSale:cancel': [{ what: 'path characters in the id', patch: { refundId: byId('={{ "TQ1/../x" }}') }, label: '"After-Sale Order"' }],
	'taobaoAfterSale:render': [{ what: 'non-digit sub-order id', patch: { subOrderId: '30210459381726354x' }, label: '"Sub-Order Name or ID"' }],
	'taobaoAfterSale:modify': [{ what: 'nothing to change', patch: { updateFields: {} }, label: '"Update Fields"' }],
	'taobaoAfterSale:submitMessage': [{ what: 'neither message nor images', patch: { refundMessage: '', refundImages: '' }, label: '"Message"' }],
	'taobaoAfterSale:getAll': [{ what: 'a date that is not a date', patch: { filters: { refundStartTime: 'yesterday-ish' } }, label: '"Created After"' }],
	'alibabaProduct:get': [{ what: 'non-digit offer id', patch: { offerId: byId('={{ "74347x" }}') }, label: '"Offer"' }],
	'alibabaProduct:searchByKeyword': [{ what: 'a price with a currency sign', patch: { filters: { priceStart: '¥12' } }, label: '"Filters"' }],
	'alibabaProduct:searchByImage': [{ what: 'a binary property the item does not have', patch: { binaryPropertyName: 'photo' }, label: '"Input Binary Field"' }],
	'alibabaProduct:getCategory': [{ what: 'non-digit category', patch: { categoryId: '10x' }, label: '"Category ID"' }],
	'alibabaOrder:create': [
		{ what: 'empty spec on a line', patch: { cargo: { line: [{ offerId: OFFER, specId: '', quantity: 1 }] } }, label: '"Order Lines"' },
		{ what: 'negative quantity on a line', patch: { cargo: { line: [{ offerId: OFFER, specId: SPEC, quantity: -1 }] } }, label: '"Order Lines"' },
		{ what: 'address missing mobile and town', patch: { addressParam: { address: { fullName: 'Z', address: 'x', provinceText: 'p', cityText: 'c' } } }, label: '"Receiving Address"' },
		{ what: 'saved address without a town', patch: { savedAddressId: '1001', savedAddressTown: '={{ " " }}' }, label: '"Town"', message: /is empty/ },
	],
	'alibabaOrder:preview': [{ what: 'non-digit offer on a line', patch: { cargo: { line: [{ offerId: '7434x', specId: SPEC, quantity: 1 }] } }, label: '"Order Lines"' }],
	'alibabaOrder:submitAndPayBatch': [
		{ what: 'more than 100 ids', patch: { orderIds: ids(101) }, label: '"Order IDs"', message: /more than the 100 allowed/ },
		{ what: 'letters in an id', patch: { orderIds: `${A_WAIT_SEND}, 12ab` }, label: '"Order IDs"' },
	],
	'alibabaOrder:confirmReceipt': [{ what: 'more than 100 sub-order ids', patch: { orderEntryIds: ids(101) }, label: '"Sub-Order IDs"' }],
	'alibabaCart:delete': [{ what: 'more than 200 ids', patch: { cartIds: ids(201) }, label: '"Cart Item Names or IDs"' }],
	'alibabaCart:createOrder': [{ what: 'saved address without a town', patch: { savedAddressId: '1001' }, label: '"Town"', message: /is empty/ }],
	'alibabaCart:previewOrder': [{ what: 'letters in an id', patch: { cartIds: '1, x3' }, label: '"Cart Item Names or IDs"', message: /digits only/ }],
	'alibabaCart:updateQuantity': [{ what: 'non-digit id', patch: { id: 'a1' }, label: '"Cart Item Name or ID"' }],
	'alibabaAfterSale:getRefundReasons': [
		{ what: 'more than 100 sub-order ids', patch: { orderEntryIds: ids(101) }, label: '"Order Line Names or IDs"' },
		{ what: 'letters in a sub-order id', patch: { orderEntryIds: '25422856349218807x4' }, label: '"Order Line Names or IDs"' },
	],
	'alibabaAfterSale:createRefund': [
		{ what: 'negative goods amount', patch: { applyPayment: '={{ -5 }}' }, label: '"Goods Amount (Fen)"', message: /must be at least 0/ },
		{ what: 'fractional goods amount', patch: { applyPayment: 12.5 }, label: '"Goods Amount (Fen)"', message: /whole number/ },
		{ what: 'blank description', patch: { description: '={{ "  " }}' }, label: '"Description"' },
	],
	'alibabaAfterSale:get': [{ what: 'a refund id that is not TQ + digits', patch: { refundId: 'TQ-12 3' }, label: '"Refund"' }],
	'address:upsert': [
		{ what: 'non-digit address id', patch: { id: 'abc' }, label: '"Address ID"' },
		{ what: 'create without phone and street', patch: { phone: '', address: '' }, label: '"Recipient"' },
	],
	'logistics:estimateItemFreight': [
		{ what: 'price with a decimal comma', patch: { price: '19,90' }, label: '"Unit Price"' },
		{ what: 'receiver without country', patch: { receiverAddress: { address: { name: 'x', state: 's', city: 'c', zip: '1', address: 'a', phone: '1' } } }, label: '"Receiver Address"' },
	],
	'logistics:updateDomesticLogistics': [
		{ what: 'malformed JSON lines', patch: { logisticInfos: '[{"lineItem": ' }, label: '"Lines (JSON)"', message: /not valid JSON/ },
		{ what: 'JSON lines that are not an array', patch: { logisticInfos: '{"a":1}' }, label: '"Lines (JSON)"' },
	],
	'customApiCall:request': [{ what: 'malformed JSON body', patch: { body: '{"a": 1,' }, label: '"Body (JSON)"', message: /not valid JSON/ }],
};

const notANumber = '={{ "twelve" }}';

/** Mutations derived from the operation's properties as shown for its baseline. */
function derived(spec: Spec, params: INodeParameters): Mutation[] {
	const out: Mutation[] = [];
	for (const p of spec.properties) {
		if (!shown(p, params, spec)) continue;
		const label = `"${p.displayName}"`;
		switch (p.type) {
			case 'string':
				if (p.required) out.push({ what: 'required text empty (expression)', patch: { [p.name]: EMPTY }, label });
				break;
			case 'resourceLocator':
				out.push({ what: 'required locator empty (expression)', patch: { [p.name]: byId(EMPTY) }, label });
				break;
			case 'number':
				out.push({ what: 'negative number', patch: { [p.name]: '={{ -3 }}' }, label });
				out.push({ what: 'text in a number field', patch: { [p.name]: notANumber }, label });
				break;
			case 'options':
				out.push({ what: 'value off the list', patch: { [p.name]: '={{ "no-such-value" }}' }, label });
				break;
			case 'json':
				out.push({ what: 'malformed JSON', patch: { [p.name]: '{"a": 1,' }, label, message: /not valid JSON/ });
				break;
			case 'fixedCollection':
				if (p.required) out.push({ what: 'required list empty', patch: { [p.name]: {} }, label });
				break;
		}
	}
	if (spec.paging && params.returnAll !== true) {
		out.push({ what: 'Limit below 1', patch: { limit: -1 }, label: '"Limit"', message: /must be at least 1/ });
	}
	return out;
}

/**
 * Derived mutations the node rightly accepts: the field is optional and the value is one the API
 * takes (or the field only switches which other fields show). Each with the reason.
 */
const ACCEPTED: Record<string, string> = {
	'taobaoProduct:searchByKeyword sort value off the list':
		'Sort is passed through: PandaPon documents only tk_rate_desc, so other sort keys set by expression are left for PandaPon to judge',
	'taobaoAfterSale:submitReturnLogistics logisticsCompanyCode value off the list':
		'the carrier list is loaded from PandaPon for this refund (Render Return Logistics); the node cannot know it offline',
	'alibabaAfterSale:submitReturnLogistics logisticsCompanyNo value off the list':
		'the carrier list is loaded from PandaPon (List Logistics Companies); the node cannot know it offline',
	'taobaoCart:add skuId value off the list':
		'the SKUs are loaded from the item; with MpId and MpSkuId given the SKU ID is passed through, without them it is checked against the item (test/engine/pickers.test.ts)',
	'alibabaOrder:create flow value off the list': '1688 has more order flows than the list names; an expression may give another, and 1688 judges it',
	'alibabaOrder:createBatch flow value off the list': '1688 has more order flows than the list names; an expression may give another, and 1688 judges it',
	'alibabaCart:createOrder flow value off the list': '1688 has more order flows than the list names; an expression may give another, and 1688 judges it',
	'alibabaOrder:cancel cancelReason value off the list':
		'the cancel reason is free text besides the suggestions: PandaPon\'s own example sends 不想要了',
	'alibabaAfterSale:createRefund applyReasonId value off the list':
		'a reason may be given by its text: the node reads the reasons PandaPon offers for the order (a read, nothing created) and refuses an unknown text, naming the offered ones (test/engine/alibaba-refund-editor.test.ts)',
	'taobaoAfterSale:render orderId required locator empty (expression)':
		'Order only lists its lines in the editor; it is not sent, so it may stay empty',
	'taobaoAfterSale:submit orderId required locator empty (expression)':
		'Order only lists its lines in the editor; it is not sent, so it may stay empty',
};

describe('bad input for every operation', () => {
	it('every operation has a baseline here or is listed as taking no input', () => {
		const missing = OPERATIONS.map(keyOf).filter((k) => !BASELINES[k]);
		expect(missing).toEqual([]);
		for (const k of Object.keys(NO_INPUT)) {
			const spec = OPERATIONS.find((s) => keyOf(s) === k)!;
			expect(spec.properties).toEqual([]);
			expect(spec.paging).toBeUndefined();
		}
	});

	it.each(OPERATIONS.map((s) => [keyOf(s), s] as const))('%s', async (key, spec) => {
		const baseline = BASELINES[key] ?? { params: {} };
		const all = [...derived(spec, baseline.params), ...(EXTRA[key] ?? [])];
		const mutations = all.filter((m) => !ACCEPTED[`${key} ${Object.keys(m.patch)[0]} ${m.what}`]);
		figures.acceptedOnPurpose += all.length - mutations.length;
		figures.operations++;
		if (NO_INPUT[key]) {
			figures.noInputOperations++;
			expect(mutations).toEqual([]);
			return;
		}
		expect(mutations.length).toBeGreaterThan(0);

		// The baseline is valid: it reaches PandaPon (the answer itself does not matter here).
		sb.resetCounters();
		const ok = await runOp(key, baseline.params, creds);
		const preSend = ok.error && sb.counters().total === 0 ? ok.error.message : undefined;
		expect({ key, preSend }).toEqual({ key, preSend: undefined });

		const problems: string[] = [];
		for (const m of mutations) {
			sb.resetCounters();
			let error;
			try {
				({ error } = await runOp(key, { ...baseline.params, ...m.patch }, creds));
			} catch (thrown) {
				// n8n itself refuses to start a workflow whose parameters have issues (e.g. a mode
				// switch set to an expression hides required fields): nothing runs, nothing is sent.
				if ((thrown as Error).name === 'WorkflowHasIssuesError' && sb.counters().total === 0) {
					figures.refusedByN8n++;
					continue;
				}
				problems.push(`${m.what} ${JSON.stringify(m.patch).slice(0, 120)} → the run itself threw: ${(thrown as Error).message}`);
				continue;
			}
			figures.mutations++;
			const sent = sb.counters().total;
			const message = error?.message ?? '';
			const fine =
				error !== undefined &&
				sent === 0 &&
				message.includes(m.label) &&
				message.includes('[item 0]') &&
				typeof error.description === 'string' &&
				error.description.length > 0 &&
				(!m.message || m.message.test(message));
			if (!fine) {
				problems.push(
					`${m.what} ${JSON.stringify(m.patch).slice(0, 120)} → ${error ? `"${message}" (hint: ${error.description ?? 'none'})` : 'no error'}; requests sent: ${sent}`,
				);
			}
		}
		expect(problems).toEqual([]);
	});
});

describe('the item named is the one that is wrong', () => {
	it('with Continue On Fail, item 2 of 3 fails alone, naming [item 2]; the others are sent', async () => {
		sb.resetCounters();
		const { items, error } = await runOp(
			'alibabaOrder:get',
			{ orderId: byId('={{ $itemIndex === 2 ? "25422856349208807x4" : $json.id }}') },
			creds,
			[{ id: A_WAIT_SEND }, { id: A_WAIT_SEND }, { id: A_WAIT_SEND }],
			{ onError: 'continueRegularOutput' },
		);
		expect(error).toBeUndefined();
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[2].json.error).toMatch(/"Order" must be digits only.*\[item 2\]/);
		expect(items[2].json.description).toBeTruthy();
		expect(sb.count('POST /alibaba/order/detail')).toBe(2);
	});

	it('without Continue On Fail a write stops at the bad item: the items before it were sent, none after', async () => {
		sb.resetCounters();
		const { error } = await runOp(
			'alibabaCart:add',
			{ offerId: byId(OFFER), specId: SPEC, quantity: '={{ $itemIndex === 1 ? -1 : 1 }}' },
			creds,
			[{}, {}, {}],
		);
		expect(error?.message).toMatch(/"Quantity" must be at least 1, got -1 \[item 1\]/);
		expect(sb.count('POST /alibaba/cart/add')).toBe(1);
	});
});
