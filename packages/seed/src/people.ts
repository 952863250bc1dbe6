import { idNumberCheckChar } from '@linli/security';
import type { RESIDENT_CATEGORIES } from '@linli/db';
import type { Rng } from './prng';

export type ResidentCategory = (typeof RESIDENT_CATEGORIES)[number];
export type Sex = 'male' | 'female';

export interface Person {
  name: string;
  sex: Sex;
  /** 18-character resident ID number (GB 11643), valid check digit. */
  idNumber: string;
  phone: string | null;
  category: ResidentCategory;
}

// Roughly by frequency: the common names repeat so they come up more often.
const SURNAMES = [
  ...'王王王王李李李李张张张张刘刘刘陈陈陈杨杨黄黄赵赵吴吴周周徐徐孙孙马马朱朱胡胡郭郭何何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
  '欧阳',
  '上官',
];

const MALE_GIVEN = [
  '伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '斌', '宇', '浩', '凯', '健',
  '俊', '帆', '旭', '宁', '龙', '林', '阳', '建华', '建国', '建军', '志强', '志明', '志刚', '海涛', '晓东', '国强', '国华',
  '文博', '子轩', '浩然', '宇轩', '俊杰', '嘉豪', '明轩', '天佑', '德明', '永康', '家豪', '一鸣', '振华', '立新', '卫东',
];

const FEMALE_GIVEN = [
  '芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '丹', '萍', '婷', '雪', '琳', '晶', '燕', '颖', '倩', '慧', '洁', '红',
  '秀英', '桂英', '玉兰', '秀兰', '桂兰', '丽华', '淑珍', '美玲', '晓燕', '欣怡', '雨涵', '梓涵', '诗涵', '思琪', '子涵',
  '佳怡', '雨欣', '可馨', '梦瑶', '雅琴', '春梅', '海燕', '丽娟', '晓红', '凤英', '文静', '一诺', '若曦', '语嫣',
];

const SHANGHAI_REGIONS = ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310115', '310117', '310117', '310117'];
const BEIJING_REGIONS = ['110101', '110101', '110101', '110102', '110105', '110105', '110106', '110108', '110114'];
// Where floating residents mostly come from: Anhui, Henan, Jiangsu, Sichuan, Hubei, Hebei, Shandong, Zhejiang, Jiangxi, Hunan.
const ELSEWHERE_REGIONS = ['340102', '340103', '410102', '410105', '320106', '320506', '510104', '510107', '420102', '420106', '130102', '370102', '330106', '360102', '430102'];
const MOBILE_PREFIXES = ['130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '155', '157', '158', '159', '180', '181', '186', '187', '188', '189'];

const MIN_BIRTH_YEAR = 1940;
const MAX_BIRTH_YEAR = 2015;
const REFERENCE_YEAR = 2025;

/** Resident ID region codes for the city of a district ("上海市松江区" → Shanghai). */
export function localRegionCodes(city: string): readonly string[] {
  if (city.startsWith('上海')) return SHANGHAI_REGIONS;
  if (city.startsWith('北京')) return BEIJING_REGIONS;
  return ELSEWHERE_REGIONS;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function fakeMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + pad(rng.int(0, 99_999_999), 8);
}

/**
 * Generates people deterministically from the Rng it is given. ID numbers are unique across
 * one generator (the sequence digits are re-drawn on a collision).
 */
export class PeopleGenerator {
  private readonly used = new Set<string>();

  constructor(
    private readonly rng: Rng,
    private readonly localRegions: readonly string[],
  ) {}

  surname(): string {
    return this.rng.pick(SURNAMES);
  }

  name(sex: Sex, surname = this.surname()): string {
    return surname + this.rng.pick(sex === 'male' ? MALE_GIVEN : FEMALE_GIVEN);
  }

  idNumber(region: string, birthYear: number, sex: Sex): string {
    const year = Math.min(MAX_BIRTH_YEAR, Math.max(MIN_BIRTH_YEAR, birthYear));
    const month = this.rng.int(1, 12);
    const day = this.rng.int(1, daysInMonth(year, month));
    const prefix = `${region}${year}${pad(month, 2)}${pad(day, 2)}`;
    for (;;) {
      // The 17th digit is odd for men and even for women.
      const seq = this.rng.int(0, 499) * 2 + (sex === 'male' ? 1 : 0);
      if (seq === 0) continue;
      const first17 = prefix + pad(seq, 3);
      const id = first17 + idNumberCheckChar(first17);
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  person(opts: { sex: Sex; birthYear: number; surname?: string; region: string; category: ResidentCategory }): Person {
    const age = REFERENCE_YEAR - opts.birthYear;
    return {
      name: this.name(opts.sex, opts.surname),
      sex: opts.sex,
      idNumber: this.idNumber(opts.region, opts.birthYear, opts.sex),
      // Children mostly have no phone of their own; a few elderly residents neither.
      phone: age >= 16 && this.rng.chance(age >= 80 ? 0.7 : 0.96) ? fakeMobile(this.rng) : null,
      category: opts.category,
    };
  }

  /**
   * One household: a head, usually a spouse, then children (or an elderly parent when the
   * head is too young for children). Tenants in rented flats are mostly floating population.
   */
  household(size: number, opts: { rented: boolean }): Person[] {
    const rng = this.rng;
    const floating = opts.rented && rng.chance(0.8);
    const region = floating ? rng.pick(ELSEWHERE_REGIONS) : rng.pick(this.localRegions);
    const baseCategory: ResidentCategory = floating ? 'floating' : 'permanent';
    // 重点人群 (key population): a small share, e.g. elderly living alone, people under care.
    const category = (): ResidentCategory => (rng.chance(0.025) ? 'key' : baseCategory);
    const familyName = this.surname();
    const headSex: Sex = rng.chance(0.55) ? 'male' : 'female';
    const headYear = rng.int(1942, 1996);
    const people: Person[] = [
      this.person({ sex: headSex, birthYear: headYear, surname: familyName, region, category: category() }),
    ];
    if (size >= 2 && rng.chance(0.85)) {
      const spouseYear = headYear + rng.int(-5, 5);
      people.push(
        this.person({
          sex: headSex === 'male' ? 'female' : 'male',
          birthYear: spouseYear,
          region: rng.chance(0.7) ? region : rng.pick(floating ? ELSEWHERE_REGIONS : this.localRegions),
          category: category(),
        }),
      );
    }
    while (people.length < size) {
      const childYear = headYear + rng.int(24, 36);
      const sex: Sex = rng.chance(0.5) ? 'male' : 'female';
      if (childYear <= MAX_BIRTH_YEAR) {
        people.push(this.person({ sex, birthYear: childYear, surname: familyName, region, category: category() }));
      } else {
        const parentYear = Math.max(MIN_BIRTH_YEAR, headYear - rng.int(24, 32));
        people.push(this.person({ sex, birthYear: parentYear, surname: sex === 'male' ? familyName : undefined, region, category: category() }));
      }
    }
    return people;
  }

  /** Household size 1..5 with the given mean: 1 + Binomial(4, (mean - 1) / 4). */
  householdSize(mean: number): number {
    const p = Math.min(1, Math.max(0, (mean - 1) / 4));
    let n = 1;
    for (let i = 0; i < 4; i++) if (this.rng.chance(p)) n++;
    return n;
  }
}
