/** MIME type carried by a palette drag onto the canvas; its data is the node kind. */
export const NODE_KIND_MIME = 'application/aios-node-kind';

/** MIME type of a palette drag of one capability (an MCP tool); its data is the capability id. */
export const CAPABILITY_MIME = 'application/aios-capability';
