import { describe, expect, it } from 'vitest';
import { realDeps } from './engineFixture.js';

const places = () => realDeps().places;

describe('place resolution', () => {
  it.each([
    ['北京', 'tier1'],
    ['北京市海淀区', 'tier1'],
    ['上海', 'tier1'],
    ['深圳福田', 'tier1'],
    ['天津', 'capital'],
    ['重庆市渝中区', 'capital'],
    ['成都', 'capital'],
    ['哈尔滨市', 'capital'],
    ['呼和浩特', 'capital'],
    ['温州', 'city'],
    ['东莞', 'city'],
    ['延边州', 'city'],
    ['义乌', 'county'],
    ['重庆巫溪县', 'county'],
    ['江苏省苏州市昆山市', 'county'],
    ['湖北省十堰市竹山县', 'county'],
    ['西藏林芝', 'case_by_case'],
    ['新疆伊犁', 'case_by_case'],
  ])('when the place is %s, then its tier is %s', (place, tier) => {
    expect(places().resolve(place)?.tier).toBe(tier);
  });

  it('when a county is written with its prefecture abbreviated (州), then the county is found', () => {
    const p = places().resolve('贵州省黔东南州凯里市');
    expect(p?.name).toContain('凯里市');
    expect(p?.tier).toBe('county');
  });

  it('when a town inside a city district is named, then it counts as a town', () => {
    expect(places().resolve('广州市从化区鳌头镇')?.tier).toBe('county');
  });

  it('when a district name exists in two cities in different tiers and nothing else is said, then it is ambiguous', () => {
    const p = places().resolve('鼓楼区');
    expect(p?.tier).toBeUndefined();
    expect(p?.ambiguous?.length).toBeGreaterThan(1);
  });

  it('when the district name comes with its city, then the ambiguity is resolved', () => {
    expect(places().resolve('南京鼓楼区')?.tier).toBe('capital');
  });

  it('when only a province is named, then no tier is given', () => {
    const p = places().resolve('广东省');
    expect(p?.name).toBe('广东省');
    expect(p?.tier).toBeUndefined();
  });

  it.each([
    ['杭洲', '浙江省杭州市'],
    ['深川', '广东省深圳市'],
  ])('when the place %s has a one-character typo, then it resolves to %s', (typo, name) => {
    expect(places().resolve(typo)?.name).toBe(name);
  });

  it('when the text names no place, then nothing is found', () => {
    expect(places().find('硬盘坏了，能免费修吗')).toBeUndefined();
  });

  it('when a county short name is also an everyday word, then free text does not turn it into a place', () => {
    expect(places().find('我们的合作伙伴说要换主板')).toBeUndefined();
  });
});
