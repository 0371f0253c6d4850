/**
 * The one English stemmer: the classifier's features and the knowledge base's search index
 * both use it, so "refunds", "refunded" and "refunding" meet in both. Changing it changes the
 * classifier's features: retrain (`npm run classify:train`) and compare `classify:eval`.
 */
/** "stopp" (from "stopped") → "stop", but "smell" and "press" keep their double letter. */
function undoubleConsonant(stem: string): string {
  return /([b-df-hj-km-np-rtv-z])\1$/.test(stem) && !/(?:ll|ss|zz|ff)$/.test(stem) ? stem.slice(0, -1) : stem;
}

/** Crude suffix stripping: "refunds"/"refunded"/"refunding" share one feature. */
export function stemEnglish(word: string): string {
  const bare = word.replace(/'s$|'$/, "").replace(/n't$/, "");
  if (bare.length <= 4) return bare;
  if (bare.endsWith("ies")) return `${bare.slice(0, -3)}y`;
  if (bare.endsWith("ing") && bare.length > 5) return undoubleConsonant(bare.slice(0, -3));
  if (bare.endsWith("ed") && bare.length > 4) return undoubleConsonant(bare.slice(0, -2));
  if (bare.endsWith("es") && /(?:ch|sh|x|ss)es$/.test(bare)) return bare.slice(0, -2);
  if (bare.endsWith("s") && !bare.endsWith("ss")) return bare.slice(0, -1);
  return bare;
}
