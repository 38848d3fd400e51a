// SQLSTATE codes the proxy itself raises (PostgreSQL Appendix A). Named so call sites read as intent.
export const SQLSTATE = {
  tooManyConnections: '53300',
  connectionFailure: '08006',
  connectionException: '08000',
  cannotConnectNow: '57P03',
  adminShutdown: '57P01',
  queryCanceled: '57014',
  protocolViolation: '08P01',
  invalidPassword: '28P01',
  invalidAuthorization: '28000',
  invalidCatalogName: '3D000',
  featureNotSupported: '0A000',
  syntaxError: '42601',
  insufficientPrivilege: '42501',
  internalError: 'XX000',
} as const;

export type SqlState = (typeof SQLSTATE)[keyof typeof SQLSTATE];
