// The seed note's internal-policy.yaml (shared/seeds), exactly as typed there, trailing spaces included.
export const INTERNAL_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: internal-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      name: internal
  policyTypes:
    - Egress
  egress:
    - to:
      - podSelector:
          matchLabels:
            name: payroll
      ports:
      - protocol: TCP
        port: 8080
    - to:
      - podSelector:
          matchLabels:
            name: mysql
      ports:
        - protocol: TCP
          port: 3306
          
`;

/** The same, with the DNS rule the network-policies scenario's task asks for. */
export const INTERNAL_POLICY_WITH_DNS = `${INTERNAL_POLICY.trimEnd()}
    - ports:
      - port: 53
        protocol: UDP
      - port: 53
        protocol: TCP`;
