/**
 * The checks every record reads its input through (helpers/params.ts): each failure names the
 * field (its display name, and the place inside it for a value in a collection), the item, and
 * carries a hint. And the shared builders: one vocabulary for order lines and images on both
 * platforms, with the names and values saved workflows hold.
 */
import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INode, type INodeProperties } from 'n8n-workflow';

import { Params } from '../../nodes/PandaPon/helpers/params';
import { OPERATIONS } from '../../nodes/PandaPon/operations';
import { JsonInteger, stringifyJson } from '../../nodes/shared/transport/json';

const node: INode = { id: '1', name: 'PandaPon', type: 'n8n-nodes-pandapon.pandaPon', typeVersion: 1.1, position: [0, 0], parameters: {} };
const LABELS = { orderId: '"Order"', cargo: '"Order Lines"', filters: '"Filters"', quantity: '"Quantity"', refundId: '"After-Sale Order"' };

/** Params of item 3 whose parameters hold `values`. */
function params(values: IDataObject): Params {
	const stored = { ...node, parameters: values as INode['parameters'] };
	const ctx = {
		getNode: () => stored,
		getInputData: () => Array.from({ length: 4 }, () => ({ json: {} })),
		getNodeParameter: (name: string, _item: number, fallback: unknown) => (name in values ? values[name] : fallback),
	} as unknown as IExecuteFunctions;
	return new Params(ctx, 3, LABELS);
}

/** The error `run` throws: its message and hint. */
function failure(run: () => unknown): { message: string; hint: string } {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return { message: (error as NodeOperationError).message, hint: String((error as NodeOperationError).description) };
	}
	throw new Error('expected a failure');
}

describe('ids by the type they travel as', () => {
	const p = params({ orderId: { __rl: true, mode: 'id', value: ' 02542285634920880794 ' } });

	it('idString keeps the exact digits as text; idInteger writes a bare integer without leading zeros', () => {
		expect(p.idString('orderId')).toBe('02542285634920880794');
		const id = p.idInteger('orderId');
		expect(id).toBeInstanceOf(JsonInteger);
		expect(stringifyJson({ orderId: id })).toBe('{"orderId":2542285634920880794}');
	});

	it('a number that lost digits is refused, naming the field and the item', () => {
		const lossy = 3021045938172635402;
		expect(failure(() => params({ orderId: lossy }).idString('orderId'))).toEqual({
			message: `"Order" arrived as the number ${lossy}, which cannot hold this id exactly [item 3]`,
			hint: expect.stringContaining('as text'),
		});
	});

	it('inside a collection the place follows the field: "Order Lines" → line 2 "Offer ID"', () => {
		expect(failure(() => p.idIntegerIn('cargo', 'line 2 "Offer ID"', '7434x'))).toEqual({
			message: '"Order Lines" → line 2 "Offer ID" must be digits only, got "7434x" [item 3]',
			hint: 'Copy the id exactly as PandaPon shows it, without spaces or letters.',
		});
		expect(failure(() => p.idStringIn('cargo', 'line 1 "Offer ID"', '  '))).toEqual({
			message: '"Order Lines" → line 1 "Offer ID" is empty [item 3]',
			hint: 'Enter line 1 "Offer ID", digits only.',
		});
	});

	it("a caller's hint replaces the generic one", () => {
		expect(failure(() => p.idStringIn('filters', '"Order ID"', 'abc', 'Enter the 19-digit order ID.')).hint).toBe('Enter the 19-digit order ID.');
	});

	it('idIntegerList splits text, checks each id and caps the count', () => {
		expect(params({ ids: '1, 02;3\n4' }).idIntegerList('ids').map(String)).toEqual(['1', '2', '3', '4']);
		expect(failure(() => params({ ids: '1,2,3' }).idIntegerList('ids', { max: 2 })).message).toBe('ids has 3 ids, more than the 2 allowed [item 3]');
		expect(failure(() => params({ ids: '1, x' }).idIntegerList('ids')).message).toBe('ids must be digits only, got "x" [item 3]');
	});

	it('textId takes refund IDs such as TQ512345678901234567 and refuses what cannot go into a path', () => {
		expect(params({ refundId: 'TQ512345678901234567' }).textId('refundId')).toBe('TQ512345678901234567');
		expect(failure(() => params({ refundId: 'TQ1/../x' }).textId('refundId', 'Copy the refundId exactly.'))).toEqual({
			message: '"After-Sale Order" must be letters and digits only, got "TQ1/../x" [item 3]',
			hint: 'Copy the refundId exactly.',
		});
		expect(failure(() => params({}).textIdIn('filters', '"Purchase Order ID"', '')).message).toBe('"Filters" → "Purchase Order ID" is empty [item 3]');
	});
});

describe('whole numbers', () => {
	it('intIn refuses text, fractions and values out of range, each with its own hint', () => {
		const p = params({});
		expect(failure(() => p.intIn('cargo', 'line 1 "Quantity"', 'two', { min: 1 }))).toEqual({
			message: '"Order Lines" → line 1 "Quantity" must be a whole number, got "two" [item 3]',
			hint: 'Enter a whole number without decimals or units.',
		});
		expect(failure(() => p.intIn('quantity', '', 1.5)).message).toBe('"Quantity" must be a whole number, got "1.5" [item 3]');
		expect(failure(() => p.intIn('quantity', '', 0, { min: 1 }))).toEqual({ message: '"Quantity" must be at least 1, got 0 [item 3]', hint: 'Enter 1 or more.' });
		expect(failure(() => p.intIn('quantity', '', 10, { max: 9 }))).toEqual({ message: '"Quantity" must be at most 9, got 10 [item 3]', hint: 'Enter 9 or less.' });
		expect(failure(() => p.intIn('quantity', '', 0, { min: 1, hint: 'Enter how many pieces to buy.' })).hint).toBe('Enter how many pieces to buy.');
		expect(p.intIn('quantity', '', ' 12 ', { min: 1 })).toBe(12);
	});

	it('int leaves a blank optional number out and names a blank required one', () => {
		expect(params({ quantity: '' }).int('quantity')).toBeUndefined();
		expect(failure(() => params({ quantity: '' }).int('quantity', { required: true })).message).toBe('"Quantity" is empty [item 3]');
		expect(params({ quantity: '7' }).int('quantity', { min: 1 })).toBe(7);
	});
});

describe('money', () => {
	it('fenIn turns yuan into exact fen and names the field of a bad amount', () => {
		const p = params({});
		expect(p.fenIn('filters', '"Price (Yuan)"', '19.9')).toBe(1990);
		expect(p.fenIn('filters', '"Price (Yuan)"', 0.07)).toBe(7);
		expect(p.fenIn('filters', '"Price (Yuan)"', '')).toBeUndefined();
		expect(failure(() => p.fenIn('filters', '"Price (Yuan)"', '19.999'))).toEqual({
			message: '"Filters" → "Price (Yuan)" must be an amount in yuan such as 19.90, got "19.999" [item 3]',
			hint: expect.stringContaining('converts it to fen'),
		});
	});

	it('yuanIn keeps the decimal text 1688 filters take', () => {
		const p = params({});
		expect(p.yuanIn('filters', '"Min Price (Yuan)"', ' 239.99 ')).toBe('239.99');
		expect(p.yuanIn('filters', '"Min Price (Yuan)"', undefined)).toBe('');
		expect(failure(() => p.yuanIn('filters', '"Min Price (Yuan)"', '¥12')).message).toBe('"Filters" → "Min Price (Yuan)" must be an amount in yuan such as 239.99, got "¥12" [item 3]');
	});
});

describe('shared builders: one vocabulary on both platforms', () => {
	const props = (resource: string, operation: string) => OPERATIONS.find((s) => s.resource === resource && s.value === operation)!.properties;
	const named = (list: INodeProperties[], name: string) => list.find((p) => p.name === name)!;

	it('order lines: the same names and options for 1688 and Taobao, over the names and values saved workflows hold', () => {
		const alibaba = props('alibabaOrder', 'create');
		const taobao = props('taobaoOrder', 'create');
		const shown = (source: INodeProperties, lines: INodeProperties) => ({
			source: source.displayName,
			options: (source.options as Array<{ name: string }>).map((o) => o.name),
			lines: lines.displayName,
			default: source.default,
		});
		expect(shown(named(alibaba, 'cargoSource'), named(alibaba, 'cargo'))).toEqual(shown(named(taobao, 'orderLinesSource'), named(taobao, 'orderLines')));
		expect((named(alibaba, 'cargoSource').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['define', 'items']);
		expect((named(taobao, 'orderLinesSource').options as Array<{ value: string }>).map((o) => o.value)).toEqual(['define', 'inputItems']);
		// per-item fields keep their stored names and defaults
		expect(named(alibaba, 'cargoOfferId')).toMatchObject({ default: '={{ $json.offerId }}', displayOptions: { show: { cargoSource: ['items'] } } });
		expect(named(alibaba, 'cargoQuantity')).toMatchObject({ type: 'string', default: '={{ $json.quantity }}' });
		expect(named(alibaba, 'cargoQuantity').typeOptions).toBeUndefined();
		expect(named(taobao, 'line_currency')).toMatchObject({ default: 'CNY', displayOptions: { show: { orderLinesSource: ['inputItems'] } } });
		expect(named(taobao, 'line_itemId').default).toBe('');
	});

	it('images: the same source options wherever an image is passed, each operation keeping its default', () => {
		const options = (list: INodeProperties[], name: string) => (named(list, name).options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value]);
		const both = [['Binary File', 'binary'], ['Image URL', 'url']];
		expect(options(props('alibabaProduct', 'searchByImage'), 'imageSource')).toEqual(both);
		expect(options(props('taobaoProduct', 'searchByImage'), 'imageSource')).toEqual(both);
		expect(options(props('taobaoOrder', 'uploadPaymentVoucher'), 'voucherSource')).toEqual(both);
		expect(named(props('alibabaProduct', 'searchByImage'), 'imageSource').default).toBe('binary');
		expect(named(props('taobaoProduct', 'searchByImage'), 'imageSource').default).toBe('url');
		expect(named(props('taobaoOrder', 'uploadPaymentVoucher'), 'voucherSource').default).toBe('binary');
	});

	it('1688 orders: Flow and Additional Fields are one block, the cart adding its own settings', () => {
		const settings = (list: INodeProperties[]) => (named(list, 'orderFields').options as INodeProperties[]).map((o) => o.name);
		expect(settings(props('alibabaOrder', 'create'))).toEqual(['message', 'shopPromotionId', 'tradeType']);
		expect(settings(props('alibabaCart', 'createOrder'))).toEqual(['districtCode', 'message', 'shopPromotionId', 'staffName', 'tradeType', 'userId']);
		expect(named(props('alibabaOrder', 'createBatch'), 'flow').required).toBe(false);
		expect(named(props('alibabaCart', 'createOrder'), 'flow').required).toBe(true);
	});
});
