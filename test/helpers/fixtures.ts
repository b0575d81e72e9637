/** Addresses in the shapes PandaPon wants, shared by the engine and reliability tests. */

/** 1688 `addressParam`. */
export const ALIBABA_ADDRESS = {
	address: {
		fullName: 'Zhang San',
		mobile: '18600888861',
		phone: '18600888861',
		provinceText: '浙江省',
		cityText: '杭州市',
		areaText: '西湖区',
		townText: '转塘街道',
		address: '转塘街道832号',
		postCode: '310024',
	},
};

/** Logistics `receiverAddress`. */
export const LOGISTICS_RECEIVER = {
	address: {
		name: 'Ofir Birinbaum',
		country: 'us',
		state: 'California',
		city: 'VALLEY VLG',
		zip: '91607',
		address: '5818 WHITSETT AVE 401',
		phone: '5083326888',
		mobilePhone: '5083326888',
		email: 'buyer@example.com',
	},
};
