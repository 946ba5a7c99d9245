// The setup type is shared with the scenarios that produce it; it lives in api.
export { type LabFile, type LabSetup, EMPTY_SETUP } from '../api/index.js';
