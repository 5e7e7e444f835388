/**
 * The one password policy (accounts page, API, FOROS_ADMIN_PASSWORD, demo accounts): 12 to 200 characters, and
 * not guessable by zxcvbn (`@zxcvbn-ts`, with its common-password list and Spanish dictionaries) — score 3 of 4
 * or more, i.e. an estimated 10^8 guesses or more. The estimator and its dictionaries (≈1,5 MB) load on first
 * use (a lazy chunk in the browser), so the rule is the same everywhere without weighing on the first screen.
 */
export const passwordPolicy = { minLength: 12, maxLength: 200, minScore: 3 } as const;

/** zxcvbn's feedback keys in es-CO, addressing the person as «usted» like the rest of the app. */
const feedback = {
  warnings: {
    straightRow: 'usa teclas seguidas del teclado',
    keyPattern: 'sigue un patrón corto del teclado',
    simpleRepeat: 'repite un mismo carácter (como «aaa»)',
    extendedRepeat: 'repite un mismo grupo de caracteres (como «abcabc»)',
    sequences: 'usa una secuencia (como «abc» o «123»)',
    recentYears: 'usa un año reciente',
    dates: 'usa una fecha',
    topTen: 'es una de las contraseñas más usadas',
    topHundred: 'es una contraseña muy usada',
    common: 'es una contraseña común',
    similarToCommon: 'se parece a una contraseña común',
    wordByItself: 'es una sola palabra',
    namesByThemselves: 'es un nombre o apellido',
    commonNames: 'usa nombres y apellidos comunes',
    userInputs: 'contiene el usuario o el nombre de la cuenta',
    pwned: 'apareció en filtraciones de contraseñas',
  },
  suggestions: {
    l33t: 'No sirve cambiar letras por símbolos parecidos (como «@» por «a»).',
    reverseWords: 'No sirve escribir palabras comunes al revés.',
    allUppercase: 'Ponga en mayúscula solo algunas letras.',
    capitalization: 'Ponga en mayúscula más letras que la primera.',
    dates: 'Evite fechas relacionadas con usted.',
    recentYears: 'Evite años recientes.',
    associatedYears: 'Evite años relacionados con usted.',
    sequences: 'Evite secuencias.',
    repeated: 'Evite repetir palabras y caracteres.',
    longerKeyboardPattern: 'Evite patrones del teclado.',
    anotherWord: 'Agregue más palabras poco comunes.',
    useWords: 'Use varias palabras poco comunes, no una frase conocida.',
    noNeed: 'Puede crear contraseñas seguras sin símbolos, números ni mayúsculas.',
    pwned: 'Si la usa en otro lugar, cámbiela también allí.',
  },
  timeEstimation: {
    ltSecond: 'menos de un segundo',
    second: '{base} segundo',
    seconds: '{base} segundos',
    minute: '{base} minuto',
    minutes: '{base} minutos',
    hour: '{base} hora',
    hours: '{base} horas',
    day: '{base} día',
    days: '{base} días',
    month: '{base} mes',
    months: '{base} meses',
    year: '{base} año',
    years: '{base} años',
    centuries: 'siglos',
  },
};

export const passwordMessages = {
  length: `La contraseña debe tener entre ${passwordPolicy.minLength} y ${passwordPolicy.maxLength} caracteres.`,
  weak: (reason: string | null, advice: string | null) =>
    `La contraseña es fácil de adivinar${reason ? `: ${reason}` : ''}. ${advice ?? 'Use varias palabras poco comunes, no una frase conocida.'}`,
  hint: `Al menos ${passwordPolicy.minLength} caracteres y difícil de adivinar: por ejemplo, tres o cuatro palabras poco comunes.`,
} as const;

interface Estimate {
  score: number;
  feedback: { warning: string | null; suggestions: string[] };
}
type Estimator = (password: string, userInputs: string[]) => Estimate;

let estimator: Promise<Estimator> | null = null;

/** Loads zxcvbn and its dictionaries once (a lazy chunk in the browser). */
function loadEstimator(): Promise<Estimator> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-es-es')]).then(([core, common, es]) => {
    const factory = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...es.dictionary },
      graphs: common.adjacencyGraphs,
      translations: feedback,
      maxLength: passwordPolicy.maxLength,
    });
    return (password, userInputs) => factory.check(password, userInputs);
  });
  return estimator;
}

/**
 * Why a password is refused, in Spanish (null when it is acceptable). `related` are the account's own words
 * (user name, display name): a password built on them is easy to guess.
 */
export async function passwordProblem(password: string, related: string[] = []): Promise<string | null> {
  if (password.length < passwordPolicy.minLength || password.length > passwordPolicy.maxLength) return passwordMessages.length;
  const check = await loadEstimator();
  const words = related.flatMap((r) => r.toLowerCase().split(/[\s._-]+/)).filter((w) => w.length >= 3);
  const estimate = check(password, [...related.map((r) => r.toLowerCase()), ...words]);
  if (estimate.score >= passwordPolicy.minScore) return null;
  return passwordMessages.weak(estimate.feedback.warning, estimate.feedback.suggestions[0] ?? null);
}
