import { alibabaListSearch, alibabaLoadOptions } from './alibaba';
import { taobaoListSearch, taobaoLoadOptions } from './taobao';

export const loadOptions = { ...taobaoLoadOptions, ...alibabaLoadOptions };

export const listSearch = { ...taobaoListSearch, ...alibabaListSearch };
