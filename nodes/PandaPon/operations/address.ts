import type { INodeProperties } from 'n8n-workflow';

import { compact } from '../helpers/params';
import type { OperationSpec } from '../helpers/types';

const resource = 'address';

const field = (name: string, displayName: string, description: string, placeholder: string): INodeProperties => ({
	displayName,
	name,
	type: 'string',
	default: '',
	placeholder,
	description,
});

export const addressOperations: OperationSpec[] = [
	{
		resource,
		value: 'get',
		name: 'Get Many',
		action: 'Get many addresses',
		description: "List the receiving addresses saved for the credential's PandaPon user",
		catalogId: 'foundation.address.get',
		apiDocs: 'inferred',
		method: 'GET',
		path: '/open/address/get',
		write: false,
		properties: [],
		request: () => ({}),
	},
	{
		resource,
		value: 'upsert',
		name: 'Create or Update',
		action: 'Create or update an address',
		description: 'Create a new record, or update the current one if it already exists (upsert)',
		catalogId: 'foundation.address.addOrUpdate',
		apiDocs: 'documented',
		method: 'POST',
		path: '/open/address/addOrUpdate',
		write: true,
		checkHint: 'List the addresses with Address → Get Many before saving again',
		properties: [
			{
				displayName: 'Address ID',
				name: 'id',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1001',
				description: 'ID of the address to update (the ID field in Address → Get); leave empty to create a new address',
			},
			field('name', 'Recipient', 'Name of the person receiving the goods', 'e.g. 张三'),
			field('phone', 'Phone', 'Mobile number of the recipient', 'e.g. 18600888861'),
			field('province', 'Province', 'Province', 'e.g. 浙江省'),
			field('city', 'City', 'City', 'e.g. 杭州市'),
			field('district', 'District', 'District or county', 'e.g. 西湖区'),
			field('address', 'Street Address', 'Street and number', 'e.g. 转塘街道832号'),
		],
		request: (p) => {
			const id = p.string('id');
			const body = compact({
				id: id === '' ? undefined : p.idInteger('id'),
				name: p.string('name', { maxLength: 100 }),
				phone: p.string('phone', { maxLength: 40 }),
				province: p.string('province', { maxLength: 100 }),
				city: p.string('city', { maxLength: 100 }),
				district: p.string('district', { maxLength: 100 }),
				address: p.string('address', { maxLength: 500 }),
			});
			if (!body.id && !(body.name && body.phone && body.address)) {
				p.fail('name', 'is needed with Phone and Street Address to create an address', 'Fill in Recipient, Phone and Street Address, or enter the Address ID of an address to update.');
			}
			return { body };
		},
	},
];
