/** qrcode-terminal ships no types; the one call the desk makes. */
declare module "qrcode-terminal" {
  const qrcodeTerminal: { generate(text: string, options: { small?: boolean }, callback?: (qrcode: string) => void): void };
  export default qrcodeTerminal;
}
