// The TLS settings that name SSM parameters instead of files (a proxy on EC2 whose image carries no certificate).
import type { TlsDocument } from './proxy-config-document.ts';

export const TLS_PARAMETER_SETTINGS = ['certParameter', 'keyParameter', 'caParameter'] as const;

export type TlsParameterSetting = (typeof TLS_PARAMETER_SETTINGS)[number];

/** The file setting each parameter stands instead of; a document gives one or the other. */
export const FILE_SETTING_OF: Record<TlsParameterSetting, 'certFile' | 'keyFile' | 'caFile'> = {
  certParameter: 'certFile', keyParameter: 'keyFile', caParameter: 'caFile',
};

/** The settings of `tls` that name SSM parameters, with their parameter names. */
export function tlsParametersIn(tls: TlsDocument | undefined): { setting: TlsParameterSetting; name: string }[] {
  return TLS_PARAMETER_SETTINGS.flatMap((setting) => (tls?.[setting] ? [{ setting, name: tls[setting] }] : []));
}
