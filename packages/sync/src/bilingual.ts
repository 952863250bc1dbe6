/** A message a user may see, in both UI languages (zh-CN first, as the UI defaults to it). */
export type Msg = { zh: string; en: string };

export const msg = (zh: string, en: string): Msg => ({ zh, en });
