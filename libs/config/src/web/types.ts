/** How the server asks for and checks client certificates (Go's tls.ClientAuthType names). */
export type ClientAuthType =
  | 'NoClientCert'
  | 'RequestClientCert'
  | 'RequireAnyClientCert'
  | 'VerifyClientCertIfGiven'
  | 'RequireAndVerifyClientCert';

/** A TLS protocol version as the web configuration names it. */
export type TlsVersion = 'TLS10' | 'TLS11' | 'TLS12' | 'TLS13';

/** `tls_server_config` when it enables TLS; file paths are joined to the web-config file's directory. */
export interface WebTlsConfig {
  /** Server certificate file; '' when the PEM is given inline in `certificate`. */
  certFile: string;
  /** Server key file; '' when the PEM is given inline in `key`. */
  keyFile: string;
  /** Inline PEM certificate (`cert`), only when `cert_file` is not set. */
  certificate?: string;
  /** Inline PEM key (`key`), only when `key_file` is not set. */
  key?: string;
  /** Default NoClientCert; the legacy name RequireClientCert means RequireAnyClientCert. */
  clientAuthType: ClientAuthType;
  /** CA bundle file for client certificates. */
  clientCaFile?: string;
  /** Inline PEM CA bundle (`client_ca`), only when `client_ca_file` is not set. */
  clientCa?: string;
  /** Default TLS12. */
  minVersion: TlsVersion;
  /** Default TLS13. */
  maxVersion: TlsVersion;
  /** Go cipher suite names (TLS 1.2 and below); empty means the defaults. */
  cipherSuites: string[];
  /** Curve names: CurveP256, CurveP384, CurveP521, X25519; empty means the defaults. */
  curvePreferences: string[];
  /** Default true. */
  preferServerCipherSuites: boolean;
}

/** A web configuration file (Prometheus exporter-toolkit format, `--web.config.file`). */
export interface WebConfig {
  /** Absent when the file does not configure TLS. */
  tls?: WebTlsConfig;
  /** User name to bcrypt hash; empty means no basic authentication. */
  basicAuthUsers: Record<string, string>;
  /** `http_server_config.headers`: extra response headers. */
  httpHeaders: Record<string, string>;
  /** `http_server_config.http2`, default true. */
  http2: boolean;
  /** One formatted line per accepted but unsupported field. */
  warnings: string[];
}
