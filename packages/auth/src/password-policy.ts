import { msg, type Bilingual } from '@linli/db';

const COMMON = new Set(['password', 'password1', '12345678', '123456789', 'qwerty123', 'admin123', 'linli123', 'iloveyou', '1qaz2wsx', 'abc123456']);

export const PASSWORD_MIN_LENGTH = 10;

/** Returns the reasons a password is refused; an empty list means it is acceptable. */
export function checkPasswordPolicy(password: string, context: { username?: string } = {}): Bilingual[] {
  const problems: Bilingual[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) {
    problems.push(msg(`密码至少需要 ${PASSWORD_MIN_LENGTH} 个字符`, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`));
  }
  if (password.length > 128) problems.push(msg('密码不能超过 128 个字符', 'Password must be at most 128 characters'));
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    problems.push(msg('密码需包含大写字母、小写字母、数字、符号中的至少三类', 'Password needs at least three of: lower case, upper case, digits, symbols'));
  }
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) problems.push(msg('该密码过于常见', 'This password is too common'));
  if (context.username && context.username.length >= 3 && lower.includes(context.username.toLowerCase())) {
    problems.push(msg('密码不能包含用户名', 'Password must not contain the username'));
  }
  return problems;
}
