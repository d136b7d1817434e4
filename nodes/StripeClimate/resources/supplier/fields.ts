import { idField } from '../../../shared/fields';

export const SUPPLIER_ID_PREFIX = 'climsup_';

export const supplierIdField = idField('Supplier ID', 'supplierId', SUPPLIER_ID_PREFIX, 'The carbon removal supplier, starting with climsup_');
