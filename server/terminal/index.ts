export { attachGateway, type GatewayHooks } from './gateway.js';
export { SessionRegistry, LabSession, type SessionInit } from './sessions.js';
export { ProgressTracker, ownerOf } from './tracker.js';
export { SocketSessions, signedOut } from './session-revocation.js';
