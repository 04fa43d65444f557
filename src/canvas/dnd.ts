/** MIME type carried by a palette drag onto the canvas; its data is the node kind. */
export const NODE_KIND_MIME = 'application/aios-node-kind';
