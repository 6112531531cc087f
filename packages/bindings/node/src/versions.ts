// The napi-rs versions every generated addon pins (exact `=` requirements, and the matching lock entries in
// bindings-templates/node/native/napi.Cargo.lock). @napi-rs/cli is pinned in the root package.json.
export const NAPI_VERSION = '3.16.1';
export const NAPI_DERIVE_VERSION = '3.7.0';
export const NAPI_BUILD_VERSION = '2.6.0';
