import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions, INodeProperties } from 'n8n-workflow';

import { pandaPonApiRequest } from '../../shared/transport/request';
import type { Params } from './params';

/*
 * Receiving addresses saved in PandaPon (Address → Get), offered wherever an operation takes a
 * receiving address: Taobao Cart → Create Order and the 1688 order and cart-order operations.
 * One list, one reading of its records, one dropdown; each platform maps the record to its own
 * address shape.
 */

/** Address value that means "type the address below"; also the default, so workflows saved with typed fields keep them. */
export const ENTER_ADDRESS = 'enter';

/** A saved address, its fields as text. */
export interface SavedAddress {
	id: string;
	name: string;
	/** PandaPon's `phone`, documented as the mobile number. */
	phone: string;
	province: string;
	city: string;
	district: string;
	address: string;
	/** Not among the documented fields; taken when the record has one. */
	postCode: string;
	country: string;
	isDefault: boolean;
}

const text = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim());

/**
 * The fields of Address → Create or Update (name, phone, province, city, district, address). The
 * answer of Address → Get is not published, so the spellings other PandaPon records use are read
 * too (mobile, state, area, zip / postCode).
 */
function savedAddress(a: IDataObject): SavedAddress {
	return {
		id: text(a.id),
		name: text(a.name),
		phone: text(a.phone ?? a.mobile),
		province: text(a.province ?? a.state),
		city: text(a.city),
		district: text(a.district ?? a.area),
		address: text(a.address),
		postCode: text(a.postCode ?? a.zip),
		country: text(a.country),
		isDefault: a.isDefault === true,
	};
}

/** The account's saved addresses (GET /open/address/get), for the editor's dropdown and for a run. */
export async function fetchSavedAddresses(
	ctx: IExecuteFunctions | ILoadOptionsFunctions,
	itemIndex?: number,
): Promise<SavedAddress[]> {
	const envelope = await pandaPonApiRequest.call(ctx, { method: 'GET', path: '/open/address/get', write: false, itemIndex });
	const list = (Array.isArray(envelope.data) ? envelope.data : []) as IDataObject[];
	return list.filter((a) => a !== null && typeof a === 'object').map(savedAddress);
}

/** The Address dropdown: a saved address, or Enter an Address to show the typed fields. */
export function savedAddressProperty(description: string): INodeProperties {
	return {
		displayName: 'Address Name or ID',
		name: 'savedAddressId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getSavedAddresses' },
		default: ENTER_ADDRESS,
		description: `${description}. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
	};
}

/** Whether the item uses a saved address, and which (its id); undefined means typed fields. */
export function savedAddressId(p: Params): string | undefined {
	const id = p.string('savedAddressId') || ENTER_ADDRESS;
	if (id === ENTER_ADDRESS) return undefined;
	if (!/^\d{1,20}$/.test(id)) {
		p.fail('savedAddressId', `must be a saved address ID or "${ENTER_ADDRESS}", got "${id.slice(0, 40)}"`, 'Pick the address from the list, or Enter an Address.');
	}
	return id;
}

/**
 * The saved address with this id, read from PandaPon when the item runs. The dropdown holds only
 * the id: the address is taken as it is now (an address edited in the PandaPon console after the
 * workflow was saved is sent as edited), and an expression can give just an id.
 */
export async function readSavedAddress(p: Params, id: string): Promise<SavedAddress> {
	const list = await fetchSavedAddresses(p.ctx, p.itemIndex);
	const found = list.find((a) => a.id === id);
	if (!found) {
		p.fail('savedAddressId', `is ${id}, which is not among the ${list.length} saved addresses`, 'Pick the address from the list, or Enter an Address.');
	}
	return found;
}
