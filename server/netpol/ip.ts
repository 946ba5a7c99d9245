/** Addresses and CIDRs live in api (the cluster validates them too). */
export * from '../api/ip.js';
