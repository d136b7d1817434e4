import { idField } from '../../../shared/fields';

export const SESSION_ID_PREFIX = 'cos_';

export const sessionIdField = idField('Session ID', 'sessionId', SESSION_ID_PREFIX, 'The onramp session, starting with cos_');
