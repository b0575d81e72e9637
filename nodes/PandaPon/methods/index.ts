import { addressLoadOptions } from './address';
import { alibabaListSearch, alibabaLoadOptions } from './alibaba';
import { taobaoListSearch, taobaoLoadOptions } from './taobao';

export const loadOptions = { ...taobaoLoadOptions, ...alibabaLoadOptions, ...addressLoadOptions };

export const listSearch = { ...taobaoListSearch, ...alibabaListSearch };
