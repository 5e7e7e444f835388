import './demo-banner.css';

/**
 * The static demo's banner (plain DOM, outside the React app, so the app is the same as the server's): what the
 * demo is, the demo accounts, a reset that asks first, and a line for storage problems.
 */
export function showDemoBanner(options: { accounts: string[]; password: string; onReset: () => Promise<void> }) {
  document.body.classList.add('foros-demo');
  const banner = document.createElement('aside');
  banner.className = 'foros-demo-banner';
  banner.setAttribute('aria-label', 'Demostración');
  const text = document.createElement('p');
  const strong = document.createElement('strong');
  strong.textContent = 'Demostración: los datos se guardan solo en este navegador.';
  text.append(strong, ' Cuentas: ');
  options.accounts.forEach((name, i) => {
    const code = document.createElement('code');
    code.textContent = name;
    text.append(...(i > 0 ? [', ', code] : [code]));
  });
  const password = document.createElement('code');
  password.textContent = options.password;
  text.append(' — contraseña ', password, '.');

  const actions = document.createElement('div');
  actions.className = 'foros-demo-actions';
  const status = document.createElement('span');
  status.setAttribute('role', 'status');

  const button = (label: string, onClick: () => void, danger = false) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (danger) b.className = 'foros-demo-danger';
    b.addEventListener('click', onClick);
    return b;
  };
  const reset = button('Restablecer datos de demostración', () => ask());
  const question = document.createElement('span');
  question.textContent = '¿Borrar todos los cambios y volver a los datos de 2022?';
  const confirm = button('Sí, restablecer', () => {
    confirm.disabled = true;
    cancel.disabled = true;
    question.textContent = 'Restableciendo…';
    void options.onReset();
  }, true);
  const cancel = button('Cancelar', () => show());
  actions.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && actions.contains(cancel)) show();
  });
  const ask = () => {
    actions.replaceChildren(question, confirm, cancel);
    cancel.focus();
  };
  const show = () => {
    const wasAsking = actions.contains(cancel);
    actions.replaceChildren(reset);
    if (wasAsking) reset.focus();
  };
  show();
  banner.append(text, actions, status);
  document.body.append(banner);
  return { setStatus: (message: string) => void (status.textContent = message) };
}

/** Another tab has the demo open: say so instead of the app, until that tab is closed. */
export function showWaitingForOtherTab() {
  const root = document.getElementById('root')!;
  const main = document.createElement('main');
  main.className = 'foros-demo-waiting';
  const h1 = document.createElement('h1');
  h1.textContent = 'La demostración está abierta en otra pestaña';
  const p = document.createElement('p');
  p.textContent =
    'Los datos de la demostración viven en este navegador y una sola pestaña puede usarlos a la vez, para que los cambios de una no borren los de la otra. Siga en la otra pestaña, o ciérrela: esta se abrirá sola.';
  main.append(h1, p);
  root.replaceChildren(main);
  return () => main.remove();
}
