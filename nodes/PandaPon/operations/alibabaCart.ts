import type { INodeProperties } from 'n8n-workflow';

import {
	alibabaAddressProperties,
	alibabaOfferLocator,
	alibabaOrderSettings,
	check1688Success,
	readAlibabaAddress,
	readAlibabaOrderSettings,
} from '../helpers/alibabaFields';
import { compact, type Params } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';
import { simplifyAlibabaOrder } from '../helpers/simplify';
import { quantityProperty } from '../helpers/fields';

const resource = 'alibabaCart';

const cartIds: INodeProperties = {
	displayName: 'Cart Item Names or IDs',
	name: 'cartIds',
	type: 'multiOptions',
	typeOptions: { loadOptionsMethod: 'getAlibabaCartItems' },
	default: [],
	required: true,
	description:
		'Lines of the 1688 cart (title · spec · quantity · price); IDs are the ID field in Get Many → cartItemInfos. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

const readCartIds = (p: Params) => p.idIntegerList('cartIds', { required: true, max: 200 });

export const alibabaCartOperations: OperationSpec[] = [
	{
		resource,
		value: 'add',
		name: 'Add',
		action: 'Add a 1688 product to the cart',
		description: 'Put a 1688 product SKU into the cart; the same SKU adds up',
		catalogId: '1688.cart.add',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/cart/add',
		write: true,
		checkHint: 'Check the cart with Get Many (1688 Cart) before adding again',
		properties: [
			alibabaOfferLocator('offerId', 'The 1688 offer to add: its numeric offer ID or product page URL'),
			{
				displayName: 'Spec ID',
				name: 'specId',
				type: 'string',
				default: '',
				placeholder: 'e.g. e61a85a671bb3d0301d0412b51641c6b',
				description: "The SKU's 32-character specId (Get 1688 product → skus); empty takes the first SKU",
			},
			quantityProperty('Pieces to add'),
		],
		request: (p) => ({
			body: compact({
				offerId: p.idInteger('offerId'),
				specId: p.string('specId', { maxLength: 64 }),
				quantity: p.int('quantity', { min: 1, max: 99999, required: true }),
			}),
		}),
	},
	{
		resource,
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many 1688 cart items',
		description: 'List the 1688 cart items, one output item per seller with its cart items',
		catalogId: '1688.cart.list',
		apiDocs: 'documented',
		method: 'GET',
		path: '/v2/alibaba/cart/list',
		write: false,
		properties: [],
		request: () => ({}),
		resultPath: 'enableList',
	},
	{
		resource,
		value: 'updateQuantity',
		name: 'Update',
		action: 'Update a 1688 cart item',
		description: 'Set the quantity of a 1688 cart item, optionally with labels for the forwarder',
		catalogId: '1688.cart.editQuantity',
		apiDocs: 'documented',
		method: 'POST',
		path: '/alibaba/cart/edit-quantity',
		write: true,
		checkHint: 'Check the line with Get Many (1688 Cart)',
		properties: [
			{
				displayName: 'Cart Item Name or ID',
				name: 'id',
				type: 'options',
				typeOptions: { loadOptionsMethod: 'getAlibabaCartItems' },
				default: '',
				required: true,
				description:
					'The cart item to change; IDs are the ID field in Get Many → cartItemInfos. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			quantityProperty('New number of pieces'),
			{
				displayName: 'Additional Fields',
				name: 'cartFields',
				type: 'collection',
				placeholder: 'Add Field',
				description: 'Optional labels for the forwarder',
				default: {},
				options: [
					{ displayName: 'Product No', name: 'productNo', type: 'string', default: '', description: 'Product number label for the forwarder' },
					{ displayName: 'Container', name: 'container', type: 'string', default: '', description: 'Container or box number label for the forwarder' },
				],
			},
		],
		request: (p) => {
			const extra = p.collection('cartFields');
			return {
				body: compact({
					id: p.idInteger('id'),
					quantity: p.int('quantity', { min: 1, max: 99999, required: true }),
					productNo: String(extra.productNo ?? '').trim(),
					container: String(extra.container ?? '').trim(),
				}),
			};
		},
	},
	{
		resource,
		value: 'delete',
		name: 'Delete',
		action: 'Delete 1688 cart items',
		description: 'Remove items from the 1688 cart',
		catalogId: '1688.cart.delete',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/cart/delete',
		write: true,
		checkHint: 'Check the cart with Get Many (1688 Cart)',
		properties: [cartIds],
		request: (p) => ({ body: { cartIds: readCartIds(p) } }),
	},
	{
		resource,
		value: 'previewOrder',
		name: 'Preview Order',
		action: 'Preview an order from 1688 cart items',
		description: 'Show what an order of these cart items would cost, per seller, before creating it',
		catalogId: '1688.cart.previewOrder',
		apiDocs: 'inferred',
		method: 'POST',
		path: '/alibaba/cart/create/preview',
		write: false,
		properties: [cartIds, ...alibabaAddressProperties(false)],
		request: async (p) => {
			const ids = readCartIds(p);
			return { body: compact({ cartIds: ids, addressParam: await readAlibabaAddress(p, false) }) };
		},
		checkData: check1688Success('cart order preview'),
	},
	{
		resource,
		value: 'createOrder',
		name: 'Create Order',
		action: 'Create a 1688 order from cart items',
		description: 'Turn 1688 cart items into orders, one per seller; the items leave the cart',
		catalogId: '1688.cart.createOrder',
		apiDocs: 'partial',
		method: 'POST',
		path: '/alibaba/cart/create/order',
		write: true,
		checkHint: 'Look for the new orders with Get Many (1688 Order, status Awaiting Payment) and check the cart',
		properties: [
			cartIds,
			...alibabaAddressProperties(true),
			...alibabaOrderSettings(true, [
				{ displayName: 'District Code', name: 'districtCode', type: 'string', default: '', placeholder: 'e.g. 310107', description: 'Administrative district code of the receiving address' },
				{ displayName: 'Staff Name', name: 'staffName', type: 'string', default: '', description: 'Name of the employee placing the order' },
				{
					displayName: 'User ID',
					name: 'userId',
					type: 'string',
					default: '',
					description: "PandaPon user whose cart it is; empty uses the credential's User ID",
				},
			]),
		],
		request: async (p) => {
			const extra = p.collection('orderFields');
			const district = String(extra.districtCode ?? '').trim();
			if (district && !/^\d{6,12}$/.test(district)) {
				p.fail('orderFields', `has District Code "${district.slice(0, 20)}", which is not 6 to 12 digits`, 'Use the administrative code, e.g. 310107.');
			}
			const settings = readAlibabaOrderSettings(p, true);
			const ids = readCartIds(p);
			// last: a saved address is read from PandaPon only once the rest of the input is checked
			const address = (await readAlibabaAddress(p, true))!;
			if (district) address.districtCode = district;
			return {
				body: compact({
					...settings,
					addressParam: address,
					cartIds: ids,
					userId: String(extra.userId ?? '').trim(),
					staffName: String(extra.staffName ?? '').trim(),
				}),
			};
		},
		simplify: simplifyAlibabaOrder,
	},
];

