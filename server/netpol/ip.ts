/** Addresses and CIDRs live in api (the cluster validates them too). */
export { parseIp, parseCidr, cidrContains, formatIp, dashedIp, type IpFamily, type IpAddress, type Cidr } from '../api/index.js';
