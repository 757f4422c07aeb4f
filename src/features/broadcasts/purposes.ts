/** The outbox purpose of a broadcast's messages to people. */
export const peoplePurpose = (id: string) => `broadcast.${id}`;
/** The outbox purpose of a broadcast's channel post, apart from its people's `broadcast.<id>`. */
export const channelPurpose = (id: string) => `broadcast.${id}.channel`;
/** The outbox key of a broadcast's message to one person (as the outbox makes it). */
export const deliveryKey = (id: string, personId: string) => `${peoplePurpose(id)}:${id}:${personId}`;
/** Errors that mean the person blocked the bot or left the platform (counted apart from failures). */
export const BLOCKED = /403|blocked|deactivated|account_inactive|not found|user_not_found/i;
