export { createApp, labPageData, HttpError, type AppDeps, type ScenarioStatus } from './app.js';
export { buildBundle, type Bundle } from './bundle.js';
export { parseCookies, hashPassword, SESSION_COOKIE } from './auth.js';
export { checkOrigin, ownOrigin, parseAllowedOrigins, parseTrustProxy, type OriginPolicy, type TrustProxy } from './origin.js';
export { commonPasswords } from './password-list.js';
