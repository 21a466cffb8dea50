/** Only `http:` and `https:` URLs become links or images; anything else is dropped. */
export const webUrl = (url: string | undefined): string | undefined => {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
};

/** A phone number as a `tel:` URL: digits and a leading plus only. */
export const telUrl = (phone: string): string => `tel:${phone.replace(/[^\d+]/g, '')}`;
