import { describe, it, expect } from 'vitest';
import { mask, maskAddress, maskEmail, maskIdNumber, maskName, maskPhone, type MaskKind } from '../src/mask';

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['110105194912311234', '110***********1234'],
    ['110105491231002', '110********1002'],
    ['E12345678', 'E1*****78'],
    ['AB', 'A*'],
    ['1', '*'],
  ])('%j -> %j', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });
});

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['+86 138-1234-5678', '+86 138****5678'],
    ['010-12345678', '010-******78'],
    ['02012345678', '020-******78'],
    ['0755 1234567', '0755-*****67'],
    ['12345', '1***5'],
    ['12', '1*'],
  ])('%j -> %j', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['张', '张'],
    ['  李小明 ', '李**'],
    ['阿依古丽·买买提', '阿*******'],
    ['John Smith', 'J***'],
    ['Li', 'L***'],
  ])('%j -> %j', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});

describe('maskAddress', () => {
  it.each([
    ['北京市朝阳区幸福小区3号楼2单元501', '北京市朝阳区幸福小区3号楼****'],
    ['深圳市南山区某某花园12栋1203', '深圳市南山区某某花园12栋****'],
    ['杭州市西湖区某某苑5幢2单元', '杭州市西湖区某某苑5幢****'],
    ['上海市浦东新区某大厦A座1201', '上海市浦东新区某大厦A座****'],
    ['广州市天河区体育西路191号', '广州市天河区****'],
    ['朝阳区某某路', '朝阳区****'],
    ['1 Main Street, Springfield', '1 Main****'],
    ['A', '****'],
  ])('%j -> %j', (input, expected) => {
    expect(maskAddress(input)).toBe(expected);
  });
});

describe('maskEmail', () => {
  it.each([
    ['alice@example.com', 'a***@example.com'],
    ['a@b.cn', 'a***@b.cn'],
    ['张三@例子.中国', '张***@例子.中国'],
    ['noat', 'n**t'],
    ['@example.com', '@ex******com'],
  ])('%j -> %j', (input, expected) => {
    expect(maskEmail(input)).toBe(expected);
  });
});

describe('null, undefined, empty and odd input', () => {
  const named = { maskIdNumber, maskPhone, maskName, maskAddress, maskEmail };
  const maskers = Object.values(named);

  it.each(Object.entries(named))('%s returns null/undefined/empty unchanged', (_name, fn) => {
    expect(fn(null)).toBeNull();
    expect(fn(undefined)).toBeUndefined();
    expect(fn('')).toBe('');
    expect(fn('   ')).toBe('   ');
  });

  it('does not throw or echo non-string runtime input', () => {
    const odd: unknown[] = [13812345678, { toString: () => { throw new Error('boom'); } }, Symbol('s')];
    for (const fn of maskers) {
      for (const value of odd) {
        const call = () => (fn as (v: unknown) => unknown)(value);
        expect(call).not.toThrow();
        expect(call()).not.toBe(value);
      }
    }
    expect(maskPhone(13812345678 as unknown as string)).toBe('138****5678');
  });
});

describe('mask(kind, value)', () => {
  it.each<[MaskKind, string, string]>([
    ['idNumber', '11010519491231002X', '110***********002X'],
    ['phone', '13812345678', '138****5678'],
    ['name', '张三', '张*'],
    ['address', '北京市朝阳区幸福小区3号楼2单元501', '北京市朝阳区幸福小区3号楼****'],
    ['email', 'alice@example.com', 'a***@example.com'],
  ])('dispatches %s', (kind, input, expected) => {
    expect(mask(kind, input)).toBe(expected);
  });

  it('passes null through and fails closed on an unknown kind', () => {
    expect(mask('phone', null)).toBeNull();
    expect(mask('ssn' as MaskKind, '123-45-6789')).toBe('****');
  });
});
