/**
 * Files whose content must never reach a model, whatever source names them (our index, ripgrep or
 * the bridge): credentials by name, binaries by extension, and tool directories. Content checks
 * (size, NUL bytes) happen when a file is read; secret-shaped strings inside ordinary files are
 * redacted from every snippet separately.
 */
const SECRET_BASENAMES: RegExp[] = [
  /^\.env(?:\..*)?$/i, // .env, .env.local, .env.production …
  /^\.envrc$/i,
  /\.(?:pem|key|p12|pfx|jks|keystore|kdbx|asc|gpg|ovpn)$/i,
  /^id_(?:rsa|dsa|ecdsa|ed25519)(?:[._-].*)?$/i,
  /^\.(?:npmrc|yarnrc|yarnrc\.yml|pypirc|netrc|git-credentials|htpasswd|pgpass|boto|s3cfg|dockercfg)$/i,
  /^_netrc$/i,
  /^credentials.*$/i,
  /^secrets\..*$/i,
  /^secret\.(?:json|ya?ml|toml|ini|env|txt|conf|properties)$/i,
  /^service[-_]?account.*\.json$/i,
  /^terraform\.tfstate(?:\..*)?$/i,
];

const SECRET_DIRECTORIES = new Set(['.ssh', '.aws', '.gnupg', '.docker', '.kube', '.git', 'node_modules']);

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp avif tiff psd svgz heic pdf zip gz tgz bz2 xz zst 7z rar tar jar war ' +
    'woff woff2 ttf otf eot mp3 mp4 m4a wav ogg flac webm mov avi mkv exe dll so dylib a o obj lib bin ' +
    'class pyc pyo wasm node dat db sqlite sqlite3 parquet arrow pkl npy npz onnx pt safetensors gguf ' +
    'iso dmg img deb rpm map lockb'
  ).split(' '),
);

// One alternation instead of eleven tests: this runs for every listed file on every start-up.
const SECRET_BASENAME = new RegExp(SECRET_BASENAMES.map((pattern) => `(?:${pattern.source})`).join('|'), 'i');

export function isSecretPath(path: string): boolean {
  const lastSlash = path.lastIndexOf('/');
  if (lastSlash >= 0) {
    let start = 0;
    while (start < lastSlash) {
      const end = path.indexOf('/', start);
      if (SECRET_DIRECTORIES.has(path.slice(start, end))) return true;
      start = end + 1;
    }
  }
  return SECRET_BASENAME.test(path.slice(lastSlash + 1));
}

/** Repo-relative, forward-slash path that retrieval may read. */
export function isRetrievablePath(path: string): boolean {
  if (!path || path.startsWith('/') || path.split('/').includes('..')) return false;
  if (isSecretPath(path)) return false;
  const basename = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (/\.min\.(?:js|css)$/.test(basename)) return false; // minified: one huge line, no value
  const dot = basename.lastIndexOf('.');
  return dot < 0 || !BINARY_EXTENSIONS.has(basename.slice(dot + 1));
}
