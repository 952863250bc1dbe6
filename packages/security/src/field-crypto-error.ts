// A dedicated type lets callers tell "this ciphertext is bad / key is wrong"
// apart from programming errors, without parsing messages.
export class FieldCryptoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldCryptoError';
  }
}
