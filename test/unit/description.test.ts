/**
 * Walks the node description the editor receives and fails on what a user would notice: names
 * outside n8n's vocabulary, internal values on the canvas, long descriptions, implementation
 * notes in the actions list, ids that come out as numbers. No HTTP: fast.
 */
import fs from 'fs';
import path from 'path';

import {
	NodeHelpers,
	Workflow,
	type IDataObject,
	type INode,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
} from 'n8n-workflow';

import { PandaPonApi } from '../../credentials/PandaPonApi.credentials';
import { defaultOperation } from '../../nodes/PandaPon/description';
import { outputRecords, pick, toRecords } from '../../nodes/PandaPon/executor';
import { skuPropertiesText } from '../../nodes/PandaPon/helpers/simplify';
import { OPERATIONS, RESOURCES } from '../../nodes/PandaPon/operations';
import { PandaPon } from '../../nodes/PandaPon/PandaPon.node';
import { PandaPonPollingTrigger } from '../../nodes/PandaPonPollingTrigger/PandaPonPollingTrigger.node';
import { PandaPonTrigger } from '../../nodes/PandaPonTrigger/PandaPonTrigger.node';

const node = new PandaPon();
const { description } = node;
const properties = description.properties;

/** n8n's own operation names (nodes-base and the node-creator guidelines). */
const VOCABULARY = new Set(['Create', 'Create or Update', 'Delete', 'Get', 'Get Many', 'Update']);

/** Every other name, with the reason n8n's words don't fit. */
const ALLOWED: Record<string, string> = {
	Add: 'a cart takes items in: n8n nodes say Add for adding to a collection (e.g. Add to list)',
	Cancel: 'cancelling an order or refund is not a delete: the record stays, with a cancelled status',
	Pay: 'a payment is its own action on an order',
	'Pay Many': 'pays several existing orders in one call',
	Preview: 'prices an order without creating it',
	'Preview Many': 'prices orders of several sellers in one call, without creating them',
	'Preview Order': 'in a cart: prices an order of cart items without creating it',
	'Preview Freight': 'quotes shipping without booking it',
	'Create Many': 'one call creating one order per seller',
	'Create Order': 'in a cart: the result is an order, not a cart item',
	'Create Refund': 'in After-Sale: a refund is created for an order line (the same word on both platforms)',
	'Create Shipment': 'in Logistics: books an international shipment',
	'Check Availability': 'asks whether products can be bought; returns a verdict per item, not the products',
	'Confirm Receipt': 'a buyer confirming that goods arrived',
	'Estimate Freight': 'a price quote, nothing is created',
	'Search by Keyword': 'n8n says Search for queries; the resource has two kinds of search',
	'Search by Image': 'n8n says Search for queries; the resource has two kinds of search',
	'Search in Shop': "a search limited to one seller's shop",
	'Send Message': 'adds a message to a refund conversation',
	'Submit Return Shipment': "reports the return parcel's carrier and tracking number to the seller",
	'Upload Payment Voucher': 'uploads a file; Upload is the plain verb',
	'Upload Voucher': 'uploads a file; Upload is the plain verb',
	'Update Warehouse': 'changes only the warehouse of an order',
	'Update Domestic Shipping': "changes only the China shipping data of a logistics order's lines",
	'Make a Request': "n8n's name for a signed call to any path (Custom API Call)",
	'Get Chat Link': 'a link, not a record of the resource',
	'Get Tracking': 'the shipment tracking of an order, not the order (the same word on both platforms)',
	'Get Source': 'the source goods of a product, not the product',
	'Get Category': 'a category, not a product',
	'Get Recommended': 'products 1688 recommends; a list without the resource’s own filters',
	'Get Related': 'products related to one product',
	'Get Seller Wangwang': "a seller's chat identity, not a product",
	'Get Refund Options': 'what a refund of an order line may use: reasons, goods statuses, amount limits',
	'Get Refund Reasons': 'the reasons a refund may name, not refunds',
	'Get Return Options': "the seller's return address and carriers, not the refund",
	'Get Return Carriers':
		'the carriers a return may name; it stays in 1688 After-Sale (value listLogisticsCompanies) so saved workflows keep working',
	'Get Messages': 'the messages of one refund',
	'Get Global Strict Selection': "a fixed 1688 selection (全球严选): its programme's name",
	'Get Strict Selection': "a fixed 1688 selection (1688严选): its programme's name",
	'Get Hot Sellers': "1688's best-seller ranking",
};

const operationProps = properties.filter((p) => p.name === 'operation');
const resourceProp = properties.find((p) => p.name === 'resource')!;
const resourceOptions = resourceProp.options as INodePropertyOptions[];

/** Sentences in a text, ignoring abbreviations, decimals and HTML links. */
function sentenceCount(text: string): number {
	const plain = text
		.replace(/<[^>]+>/g, '')
		.replace(/\b(e\.g|i\.e|etc|vs)\./gi, '$1')
		.replace(/\d\.\d/g, '00');
	return plain.split(/[.!?](?:\s+|$)/).filter((s) => s.trim() !== '').length;
}

function walk(props: Array<INodeProperties | INodePropertyOptions>, visit: (p: INodeProperties | INodePropertyOptions) => void) {
	for (const p of props) {
		visit(p);
		const nested = (p as INodeProperties).options;
		if (Array.isArray(nested)) walk(nested as INodeProperties[], visit);
		const values = (p as { values?: INodeProperties[] }).values;
		if (Array.isArray(values)) walk(values, visit);
	}
}

describe('operation names', () => {
	const names = new Set<string>();
	for (const op of operationProps) for (const o of op.options as INodePropertyOptions[]) names.add(o.name);

	it.each([...names])('"%s" is n8n vocabulary or allowed with a reason', (name) => {
		if (VOCABULARY.has(name)) return;
		expect(ALLOWED[name]).toEqual(expect.stringMatching(/\w{3}/));
	});

	it('the allow-list has no stale entries', () => {
		expect(Object.keys(ALLOWED).filter((n) => !names.has(n))).toEqual([]);
	});

	it('every operation keeps its saved value', () => {
		// Values saved workflows use; renaming an operation must never change these.
		const values = OPERATIONS.map((s) => `${s.resource}:${s.value}`);
		for (const kept of [
			'address:get',
			'alibabaAfterSale:listLogisticsCompanies',
			'taobaoProduct:getManyByIds',
			'taobaoAfterSale:render',
			'taobaoAfterSale:modify',
			'alibabaOrder:getPaymentUrl',
			'alibabaMarketing:hotSellingList',
		]) {
			expect(values).toContain(kept);
		}
	});

	it('action sentences and names are unique within each resource', () => {
		for (const op of operationProps) {
			const options = op.options as INodePropertyOptions[];
			expect(new Set(options.map((o) => o.name)).size).toBe(options.length);
			expect(new Set(options.map((o) => o.action)).size).toBe(options.length);
		}
	});
});

describe('canvas subtitle', () => {
	const nodeTypes: INodeTypes = {
		getByName: () => node as INodeType,
		getByNameAndVersion: () => node as INodeType,
		getKnownTypes: () => ({}),
	};

	function subtitle(parameters: IDataObject, typeVersion: number): unknown {
		const n: INode = { id: '1', name: 'PandaPon', type: 'n8n-nodes-pandapon.pandaPon', typeVersion, position: [0, 0], parameters: {} };
		// As the editor holds them: every parameter with its default filled in.
		n.parameters = NodeHelpers.getNodeParameters(properties, parameters as never, true, false, n, description)!;
		const workflow = new Workflow({ nodes: [n], connections: {}, active: false, nodeTypes });
		return workflow.expression.getSimpleParameterValue(n, description.subtitle!, 'internal', {});
	}

	it.each(OPERATIONS.map((s) => [s.resource, s.value, s.name] as const))('%s:%s shows "Name: Resource"', (resource, value, name) => {
		const resourceName = resourceOptions.find((r) => r.value === resource)!.name;
		const shown = subtitle({ resource, operation: value }, 1.1);
		expect(shown).toBe(`${name}: ${resourceName}`);
		expect(String(shown)).not.toContain(resource);
		if (value !== name.toLowerCase()) expect(String(shown)).not.toContain(value);
	});

	it('a new node shows its default operation by name; a version 1 node its old default', () => {
		expect(subtitle({ resource: 'taobaoOrder' }, 1.1)).toBe('Get Chat Link: Taobao Order');
		expect(subtitle({ resource: 'taobaoOrder' }, 1)).toBe('Create: Taobao Order');
		expect(subtitle({}, 1.1)).toBe('Search by Keyword: Taobao Product');
	});
});

describe('defaults', () => {
	it('each resource opens on a read, on one PandaPon publishes when it has one', () => {
		for (const resource of RESOURCES) {
			const ops = OPERATIONS.filter((s) => s.resource === resource.value);
			const chosen = ops.find((s) => s.value === defaultOperation(ops))!;
			if (ops.some((s) => !s.write)) expect(chosen.write).toBe(false);
			if (ops.some((s) => !s.write && s.apiDocs !== 'inferred')) expect(chosen.apiDocs).not.toBe('inferred');
		}
	});

	it('version 1 keeps the first operation as default, so saved workflows that omit it mean the same', () => {
		for (const resource of RESOURCES) {
			const first = OPERATIONS.find((s) => s.resource === resource.value)!.value;
			const v1 = operationProps.find((p) => {
				const show = p.displayOptions!.show!;
				return (show.resource as string[])[0] === resource.value && (!show['@version'] || (show['@version'] as unknown[])[0] === 1);
			})!;
			expect(v1.default).toBe(first);
		}
	});
});

describe('descriptions', () => {
	it('operations: one short sentence, no implementation notes (those go to the notice)', () => {
		for (const op of operationProps) {
			for (const o of op.options as INodePropertyOptions[]) {
				expect({ op: o.name, sentences: sentenceCount(o.description!) }).toEqual({ op: o.name, sentences: 1 });
				expect(o.description!.length).toBeLessThanOrEqual(120);
				expect(o.description).not.toMatch(/inferred|endpoint|documented|in the path|\(fen\)|\(yuan\)/i);
				expect(o.description).not.toMatch(/\b(GET|POST)\b/);
			}
		}
	});

	it('every description is at most two sentences', () => {
		const long: string[] = [];
		walk(properties, (p) => {
			const text = (p as { description?: string }).description;
			if (text && sentenceCount(text) > 2) long.push(`${(p as INodeProperties).displayName ?? p.name}: ${text}`);
		});
		expect(long).toEqual([]);
	});

	it("inferred and partly documented operations show a notice generated from the record's apiDocs", () => {
		for (const spec of OPERATIONS) {
			// (writes also show the Retry On Fail notice, writeRetryNotice)
			const notices = properties.filter(
				(p) =>
					p.type === 'notice' &&
					p.name === 'apiNotice' &&
					(p.displayOptions?.show?.resource as string[] | undefined)?.[0] === spec.resource &&
					(p.displayOptions?.show?.operation as string[] | undefined)?.[0] === spec.value,
			);
			if (spec.apiDocs === 'documented' && !spec.apiNote) {
				expect(notices).toEqual([]);
				continue;
			}
			expect(notices).toHaveLength(1);
			if (spec.apiDocs === 'inferred') expect(notices[0].displayName).toMatch(/^Inferred endpoint/);
			if (spec.apiNote) expect(notices[0].displayName).toContain(spec.apiNote);
		}
	});

	it('no operation shows two sections with the same name (e.g. two "Options")', () => {
		for (const spec of OPERATIONS) {
			const shown = properties.filter((p) => {
				const show = p.displayOptions?.show;
				if (!show) return true;
				return (show.resource as string[])?.[0] === spec.resource && (!show.operation || (show.operation as string[]).includes(spec.value));
			});
			const top = shown.filter((p) => !p.displayOptions?.show?.returnAll && p.name !== 'operation' && p.type !== 'notice');
			const names = top.map((p) => p.displayName);
			expect({ op: `${spec.resource}:${spec.value}`, duplicates: names.filter((n, i) => names.indexOf(n) !== i) }).toEqual({
				op: `${spec.resource}:${spec.value}`,
				duplicates: [],
			});
		}
	});

	it('Return All and Limit come before Filters and other optional collections', () => {
		for (const spec of OPERATIONS.filter((s) => s.paging)) {
			const own = properties.filter(
				(p) => (p.displayOptions?.show?.operation as string[] | undefined)?.[0] === spec.value && (p.displayOptions?.show?.resource as string[])[0] === spec.resource,
			);
			const returnAll = own.findIndex((p) => p.name === 'returnAll');
			const firstCollection = own.findIndex((p) => p.type === 'collection');
			if (firstCollection !== -1) expect(returnAll).toBeLessThan(firstCollection);
		}
	});

	it("placeholders are cased as n8n's nodes case them", () => {
		walk(properties, (p) => {
			const placeholder = (p as INodeProperties).placeholder;
			if ((p as INodeProperties).type === 'collection' && (p as INodeProperties).displayName === 'Options') expect(placeholder).toBe('Add option');
			if (typeof placeholder === 'string' && /^Add /.test(placeholder)) expect(placeholder).not.toBe('Add Option');
			expect((p as INodeProperties).displayName ?? '').not.toMatch(/\((Ms|ms)\)/);
		});
	});
});

describe('ids in outputs', () => {
	// The API catalog describes each answer's fields and types; a record built from it (ids as
	// JSON numbers where the API types them as integers) goes through the node's output path.
	const catalog = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../sandbox/catalog.json'), 'utf8')) as {
		operations: Array<{ id: string; response_data?: Field[] }>;
	};
	interface Field {
		name: string;
		type: string;
		fields?: Field[];
	}
	/** Id fields as n8n users name them: id, orderId, productID, subItemIDString, orderEntryIds… */
	const ID_FIELD = /^id$|[a-z](Id|ID)(s|List|String)?$/;

	function sample(fields: Field[] = []): IDataObject {
		const out: IDataObject = {};
		for (const f of fields) out[f.name] = sampleValue(f) as IDataObject[keyof IDataObject];
		return out;
	}
	function sampleValue(f: Field): unknown {
		const t = f.type.replace(/\|null$/, '');
		if (t.startsWith('array')) return [t.includes('object') ? sample(f.fields) : sampleValue({ ...f, type: t.slice(6, -1) || 'string' })];
		if (t === 'object') return sample(f.fields);
		if (t.startsWith('integer')) return 12345;
		if (t === 'number') return 1.5;
		if (t === 'boolean') return true;
		return 'text';
	}

	function badIds(value: unknown, at: string, bad: string[]): string[] {
		if (Array.isArray(value)) value.forEach((v, i) => badIds(v, `${at}[${i}]`, bad));
		else if (value && typeof value === 'object') {
			for (const [k, v] of Object.entries(value)) {
				if (ID_FIELD.test(k)) {
					const list = Array.isArray(v) ? v : [v];
					if (list.some((x) => typeof x === 'number')) bad.push(`${at}.${k}`);
				}
				badIds(v, `${at}.${k}`, bad);
			}
		}
		return bad;
	}

	const withSchema = OPERATIONS.filter((s) => catalog.operations.find((o) => o.id === s.catalogId)?.response_data?.length);

	it('the catalog describes the answers of the operations users read most', () => {
		expect(withSchema.length).toBeGreaterThanOrEqual(20);
		for (const key of ['alibabaOrder:get', 'alibabaProduct:get', 'taobaoProduct:get', 'alibabaAfterSale:get']) {
			expect(withSchema.map((s) => `${s.resource}:${s.value}`)).toContain(key);
		}
	});

	it.each(withSchema.map((s) => [`${s.resource}:${s.value}`, s] as const))('%s: every id field is text, simplified or not', (_, spec) => {
		const fields = catalog.operations.find((o) => o.id === spec.catalogId)!.response_data!;
		const root = sample(fields);
		const data = 'data' in root ? root.data : root;
		for (const simplify of [true, false]) {
			const copy = JSON.parse(JSON.stringify(data)) as unknown;
			const list = spec.paging ? pick(copy, spec.paging.listPath) : undefined;
			const records = Array.isArray(list)
				? (list as IDataObject[])
				: toRecords({ code: 200, msg: '', data: copy } as never, spec.resultPath);
			expect(badIds(outputRecords(spec, records, simplify), spec.value, [])).toEqual([]);
		}
	});

	it('an id beyond 2^53 stays exact and a short one becomes text too', () => {
		const spec = OPERATIONS.find((s) => s.resource === 'alibabaOrder' && s.value === 'get')!;
		const [raw] = outputRecords(spec, [{ baseInfo: { id: '1024285237573584051', status: 'waitbuyerpay' }, productItems: [{ subItemID: 42, productID: 743470146022 }] }], false);
		expect(raw).toEqual({ baseInfo: { id: '1024285237573584051', status: 'waitbuyerpay' }, productItems: [{ subItemID: '42', productID: '743470146022' }] });
	});
});

describe('nodes panel and icons', () => {
	it("the PandaPon card shows the action node's description (n8n copies the trigger's onto the merged card)", () => {
		expect(new PandaPonTrigger().description.description).toBe(description.description);
	});

	it('nodes, triggers and credential share one PandaPon mark, light and dark, with no red badge', () => {
		const root = path.resolve(__dirname, '../..');
		const owners: Array<[string, { light: string; dark: string }]> = [
			['nodes/PandaPon', description.icon as { light: string; dark: string }],
			['nodes/PandaPonTrigger', new PandaPonTrigger().description.icon as { light: string; dark: string }],
			['nodes/PandaPonPollingTrigger', new PandaPonPollingTrigger().description.icon as { light: string; dark: string }],
			['credentials', new PandaPonApi().icon as { light: string; dark: string }],
		];
		for (const variant of ['light', 'dark'] as const) {
			const files = owners.map(([dir, icon]) => path.resolve(root, dir, icon[variant].replace(/^file:/, '')));
			expect(new Set(files)).toEqual(new Set([path.join(root, 'icons', variant === 'light' ? 'pandapon.svg' : 'pandapon.dark.svg')]));
			const mark = fs.readFileSync(files[0], 'utf8');
			expect(mark).toMatch(/<title>PandaPon<\/title>/);
			expect(mark).not.toMatch(/placeholder/i);
			// n8n marks errors with a red circle: no red in the mark
			for (const [, hex] of mark.matchAll(/#([0-9a-f]{6})/gi)) {
				const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
				expect({ hex, reddish: r > 180 && r - Math.max(g, b) > 80 }).toEqual({ hex, reddish: false });
			}
		}
	});
});

describe('AI agent example', () => {
	it("writes $fromAI parameters as n8n's editor does, so they show as defined by the model", () => {
		const file = path.resolve(__dirname, '../../examples/ai-agent-pandapon-tools.json');
		const text = fs.readFileSync(file, 'utf8');
		const calls = text.match(/\$fromAI\(/g) ?? [];
		const marked = text.match(/"=\{\{ \/\*n8n-auto-generated-fromAI-override\*\/ \$fromAI\('\w+', `[^`]*`, '(string|number|boolean|json)'\) \}\}"/g) ?? [];
		expect(calls.length).toBeGreaterThan(0);
		expect(marked).toHaveLength(calls.length);
	});
});

describe('the credential in the HTTP Request node', () => {
	it("keeps authenticate through the object spread n8n's loader copies package credentials with", () => {
		const copied = { ...new PandaPonApi() };
		// The editor lists a type under "Predefined Credential Type" only when it has authenticate.
		expect(typeof copied.authenticate).toBe('function');
	});
});

describe('Simplify', () => {
	const taobaoGet = OPERATIONS.find((s) => s.resource === 'taobaoProduct' && s.value === 'get')!;
	const product = (properties: unknown) => ({ itemId: 672991141190, title: 't', skuList: [{ skuId: '1', mpSkuId: 2, price: 689, properties }] });

	it.each([
		['a JSON text', '[{"propId":1627207,"propName":"颜色分类","valueId":28320,"valueName":"黑色"},{"propName":"尺码","valueName":"XL"}]'],
		['parsed JSON', [{ propName: '颜色分类', valueName: '黑色' }, { propName: '尺码', valueName: 'XL' }]],
		['name:value pairs', '颜色分类:黑色;尺码:XL'],
	])("reads Taobao SKU properties given as %s into one text", (_, properties) => {
		const [out] = outputRecords(taobaoGet, [product(properties)], true);
		expect(out).toMatchObject({ productId: '672991141190', skuCount: 1 });
		expect((out.skus as IDataObject[])[0]).toEqual({ skuId: '1', mpSkuId: '2', priceFen: 689, properties: '颜色分类: 黑色 / 尺码: XL' });
	});

	it.each([
		['a JSON text', '[{"propName":"颜色分类","valueName":"黑色"},{"propName":"尺码","valueName":"XL"}]'],
		['name:value pairs', '颜色分类:黑色;尺码:XL'],
		['a cart line’s [{name, value}]', [{ name: '颜色分类', value: '黑色' }, { name: '尺码', value: 'XL' }]],
	])('one formatter of SKU properties given as %s: with names (Simplify) or values only (dropdown labels)', (_, properties) => {
		expect(skuPropertiesText(properties)).toBe('颜色分类: 黑色 / 尺码: XL');
		expect(skuPropertiesText(properties, false)).toBe('黑色 / XL');
	});

	it('name:value pairs: a trailing ";" and spaces around names and values allowed; an empty pair or a second ":" is no pair text', () => {
		expect(skuPropertiesText(' 颜色分类 : 黑色 ;尺码:XL;')).toBe('颜色分类: 黑色 / 尺码: XL');
		expect(skuPropertiesText('a:b;;c:d')).toBe('a:b;;c:d');
		expect(skuPropertiesText('a:b:c')).toBe('a:b:c');
		expect(skuPropertiesText(':b')).toBe(':b');
		expect(skuPropertiesText('a:')).toBe('a:');
		expect(skuPropertiesText(';')).toBe(';');
	});

	it('SKU properties in no known form are shown as sent; none gives nothing', () => {
		expect(skuPropertiesText('红色 XL')).toBe('红色 XL');
		expect(skuPropertiesText(undefined)).toBeUndefined();
		expect(skuPropertiesText([])).toBe('');
	});

	it('gives at most 15 flat fields for orders and products of both platforms (SKUs the one list)', () => {
		for (const key of ['alibabaOrder:get', 'taobaoOrder:get', 'alibabaProduct:get', 'taobaoProduct:get']) {
			const spec = OPERATIONS.find((s) => `${s.resource}:${s.value}` === key)!;
			const sample =
				spec.resource === 'alibabaOrder'
					? { baseInfo: { id: 1, status: 'waitbuyerpay', totalAmount: 1 }, productItems: [{ subItemID: 2 }], nativeLogistics: { logisticsItems: [] } }
					: spec.resource === 'taobaoOrder'
						? { orderId: 1, status: 0, orderLineList: [{ subOrderId: 2 }], receiver: { name: 'n' } }
						: spec.resource === 'alibabaProduct'
							? { offerId: 1, productSkuInfos: [{ skuId: 2, skuAttributes: [] }], productImage: { images: [] } }
							: product('');
			const [out] = outputRecords(spec, [sample as IDataObject], true);
			expect(Object.keys(out).length).toBeLessThanOrEqual(15);
			for (const [k, v] of Object.entries(out)) if (k !== 'skus') expect({ k, flat: v === null || typeof v !== 'object' }).toEqual({ k, flat: true });
		}
	});
});
