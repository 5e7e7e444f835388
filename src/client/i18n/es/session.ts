export const session = {
  title: 'Iniciar sesión',
  intro: 'Ingrese con su cuenta de Foros.',
  username: 'Usuario',
  password: 'Contraseña',
  submit: 'Ingresar',
  submitting: 'Ingresando…',
  loggedInAs: 'Sesión de {{name}} ({{role}})',
  expired: 'Su sesión terminó. Inicie sesión de nuevo.',
  required: 'Este campo es obligatorio.',
} as const;
