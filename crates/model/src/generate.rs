//! Deterministic synthetic datasets for benchmarks and property tests: the same
//! `(count, seed)` always gives the same events. Realistic in shape — bilingual titles,
//! places clustered around real cities (mostly Chinese, some abroad), about 20 % multi-day
//! events, skewed category and organisation frequencies, dates over 2010–2026 — but every
//! event is marked as generated in its source, so it can never pass for real data.

use chrono::{Duration, NaiveDate};

use crate::{
    Category, Dataset, DatePrecision, Event, FigureQualifier, KeyFigure, LocalizedText, OrganisationRole, Place,
    PlacePrecision, Relation, RelationKind, SourceCitation, SCHEMA_VERSION,
};

/// A real city the synthetic events cluster around, and how often it is picked.
struct City {
    en: &'static str,
    zh: &'static str,
    region_en: &'static str,
    region_zh: &'static str,
    country: &'static str,
    lat: f64,
    lon: f64,
    weight: u32,
}

const fn city(
    (en, zh, region_en, region_zh): (&'static str, &'static str, &'static str, &'static str),
    country: &'static str,
    (lat, lon): (f64, f64),
    weight: u32,
) -> City {
    City {
        en,
        zh,
        region_en,
        region_zh,
        country,
        lat,
        lon,
        weight,
    }
}

const CITIES: [City; 20] = [
    city(("Shanghai", "上海", "Shanghai", "上海"), "CN", (31.2304, 121.4737), 20),
    city(("Beijing", "北京", "Beijing", "北京"), "CN", (39.9042, 116.4074), 16),
    city(("Shenzhen", "深圳", "Guangdong", "广东"), "CN", (22.5431, 114.0579), 10),
    city(("Guangzhou", "广州", "Guangdong", "广东"), "CN", (23.1291, 113.2644), 9),
    city(("Wuxi", "无锡", "Jiangsu", "江苏"), "CN", (31.4912, 120.3119), 7),
    city(("Suzhou", "苏州", "Jiangsu", "江苏"), "CN", (31.2989, 120.5853), 7),
    city(("Hangzhou", "杭州", "Zhejiang", "浙江"), "CN", (30.2741, 120.1551), 7),
    city(("Chengdu", "成都", "Sichuan", "四川"), "CN", (30.5728, 104.0668), 6),
    city(("Chongqing", "重庆", "Chongqing", "重庆"), "CN", (29.5630, 106.5516), 5),
    city(("Wuhan", "武汉", "Hubei", "湖北"), "CN", (30.5928, 114.3055), 5),
    city(("Changchun", "长春", "Jilin", "吉林"), "CN", (43.8171, 125.3235), 3),
    city(("Xi'an", "西安", "Shaanxi", "陕西"), "CN", (34.3416, 108.9398), 3),
    city(("Hong Kong", "香港", "Hong Kong", "香港"), "HK", (22.3193, 114.1694), 3),
    city(
        ("Singapore", "新加坡", "Singapore", "新加坡"),
        "SG",
        (1.3521, 103.8198),
        2,
    ),
    city(
        ("Banja Luka", "巴尼亚卢卡", "Republika Srpska", "塞族共和国"),
        "BA",
        (44.7722, 17.1910),
        1,
    ),
    city(
        ("Paris", "巴黎", "Île-de-France", "法兰西岛"),
        "FR",
        (48.8566, 2.3522),
        1,
    ),
    city(("Geneva", "日内瓦", "Geneva", "日内瓦"), "CH", (46.2044, 6.1432), 1),
    city(
        ("Boston", "波士顿", "Massachusetts", "马萨诸塞州"),
        "US",
        (42.3601, -71.0589),
        1,
    ),
    city(
        ("Nicosia", "尼科西亚", "Nicosia", "尼科西亚"),
        "CY",
        (35.1856, 33.3823),
        1,
    ),
    city(("La Paz", "拉巴斯", "La Paz", "拉巴斯"), "BO", (-16.4897, -68.1193), 1),
];

/// Category and its relative frequency: conferences and forums dominate, as in real news.
const CATEGORY_WEIGHTS: [(Category, u32); 10] = [
    (Category::Conference, 30),
    (Category::Forum, 22),
    (Category::Summit, 8),
    (Category::Launch, 10),
    (Category::Inauguration, 5),
    (Category::DelegationVisit, 9),
    (Category::Signing, 8),
    (Category::AssociationFounding, 3),
    (Category::Exhibition, 4),
    (Category::Policy, 1),
];

const TOPICS: [(&str, &str); 12] = [
    ("Digital Health", "数字健康"),
    ("Biomedicine", "生物医药"),
    ("Stem Cell", "干细胞"),
    ("Medical Equipment", "医疗器械"),
    ("Health Management", "健康管理"),
    ("AI in Healthcare", "人工智能医疗"),
    ("Vaccine", "疫苗"),
    ("Smart Hospital", "智慧医院"),
    ("Rehabilitation", "康复"),
    ("Traditional Chinese Medicine", "中医药"),
    ("Elderly Care", "养老健康"),
    ("Clinical Research", "临床研究"),
];

const ORGANISATIONS: [(&str, &str); 12] = [
    ("China Association of Medical Equipment", "中国医学装备协会"),
    ("Shanghai University of Medicine and Health Sciences", "上海健康医学院"),
    ("Jilin University", "吉林大学"),
    ("Wuxi Biologics", "药明生物"),
    ("Tigermed", "泰格医药"),
    ("AstraZeneca", "阿斯利康"),
    ("GE Healthcare", "GE医疗"),
    ("China Mobile", "中国移动"),
    (
        "Shanghai Biopharmaceutics Industry Association",
        "上海市生物医药行业协会",
    ),
    ("Zhangjiang Hi-Tech Park", "张江高科技园区"),
    (
        "Sichuan Comprehensive Health Industry Association",
        "四川省大健康产业协会",
    ),
    (
        "International Artificial Intelligence Industry Alliance",
        "国际人工智能产业联盟",
    ),
];

/// Generates `count` events from `seed`.
pub fn generate(count: usize, seed: u64) -> Dataset {
    let mut rng = fastrand::Rng::with_seed(seed);
    let first_day = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let day_span = (NaiveDate::from_ymd_opt(2026, 12, 31).unwrap_or_default() - first_day).num_days();
    let city_total: u32 = CITIES.iter().map(|city| city.weight).sum();
    let category_total: u32 = CATEGORY_WEIGHTS.iter().map(|(_, weight)| weight).sum();
    let mut events = Vec::with_capacity(count);
    for index in 0..count {
        let category = pick_weighted(&mut rng, &CATEGORY_WEIGHTS, category_total, |(_, weight)| *weight).0;
        let city = pick_weighted(&mut rng, &CITIES, city_total, |city| city.weight);
        let topic = TOPICS[rng.usize(..TOPICS.len())];
        let start = first_day + Duration::days(rng.i64(0..=day_span));
        // About one event in five spans several days.
        let end = (rng.u8(..100) < 20).then(|| start + Duration::days(rng.i64(1..=4)));
        let year = chrono::Datelike::year(&start);
        let (kind_en, kind_zh) = category_words(category);
        let title = LocalizedText::new(
            &format!("{year} {} {topic_en} {kind_en}", city.en, topic_en = topic.0),
            &format!("{year}{}{}{kind_zh}", city.zh, topic.1),
            "",
        );
        let summary = LocalizedText::new(
            &format!(
                "A synthetic {kind_en} on {} held in {}.",
                topic.0.to_lowercase(),
                city.en
            ),
            &format!("在{}举办的{}{}（合成数据）。", city.zh, topic.1, kind_zh),
            "",
        );
        // Jitter within ~15 km so markers at one city cluster but do not coincide.
        let place = Place {
            name: LocalizedText::new(&format!("{} venue {}", city.en, rng.u16(1..=40)), "", ""),
            city: LocalizedText::new(city.en, city.zh, ""),
            region: LocalizedText::new(city.region_en, city.region_zh, ""),
            country: city.country.to_owned(),
            lat: round4(city.lat + (rng.f64() - 0.5) * 0.25),
            lon: round4(city.lon + (rng.f64() - 0.5) * 0.25),
            precision: PlacePrecision::Venue,
        };
        // Zipf-like: organisation k is chosen about 1/k as often as the first.
        let organisation = ORGANISATIONS[zipf_index(&mut rng, ORGANISATIONS.len())];
        let mut relations = Vec::new();
        if index > 0 && rng.u8(..100) < 5 {
            relations.push(Relation {
                kind: RelationKind::Related,
                target: generated_id(rng.usize(..index)),
            });
        }
        events.push(Event {
            id: generated_id(index),
            title,
            summary,
            category,
            start,
            end,
            precision: DatePrecision::Exact,
            date_note: String::new(),
            places: vec![place],
            organisations: vec![OrganisationRole {
                name: LocalizedText::new(organisation.0, organisation.1, ""),
                role: "organiser".to_owned(),
            }],
            people: Vec::new(),
            tags: vec![topic.0.to_lowercase().replace(' ', "-")],
            figures: if rng.bool() {
                vec![KeyFigure {
                    label: LocalizedText::new("Participants", "参会人数", "Participants"),
                    value: f64::from(rng.u32(50..5000)),
                    unit: String::new(),
                    qualifier: FigureQualifier::MoreThan,
                }]
            } else {
                Vec::new()
            },
            relations,
            sources: vec![SourceCitation {
                file: "generated".to_owned(),
                title: String::new(),
                publisher: "atlas-data generate".to_owned(),
                published: None,
                language: "en".to_owned(),
                url: String::new(),
                quote: format!("Synthetic event {index} generated with seed {seed}; not a real event."),
            }],
            note: String::new(),
        });
    }
    Dataset {
        schema_version: SCHEMA_VERSION,
        description: format!("Synthetic dataset: {count} events generated by `atlas-data generate --seed {seed}`."),
        events,
        stories: Vec::new(),
    }
}

fn generated_id(index: usize) -> String {
    format!("gen-{index:07}")
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

fn pick_weighted<'a, T>(rng: &mut fastrand::Rng, items: &'a [T], total: u32, weight: impl Fn(&T) -> u32) -> &'a T {
    let mut ticket = rng.u32(..total.max(1));
    for item in items {
        let item_weight = weight(item);
        if ticket < item_weight {
            return item;
        }
        ticket -= item_weight;
    }
    &items[items.len() - 1]
}

fn zipf_index(rng: &mut fastrand::Rng, len: usize) -> usize {
    let harmonic: f64 = (1..=len).map(|rank| 1.0 / rank as f64).sum();
    let mut ticket = rng.f64() * harmonic;
    for rank in 1..=len {
        ticket -= 1.0 / rank as f64;
        if ticket <= 0.0 {
            return rank - 1;
        }
    }
    len - 1
}

fn category_words(category: Category) -> (&'static str, &'static str) {
    match category {
        Category::Conference => ("Conference", "大会"),
        Category::Forum => ("Forum", "论坛"),
        Category::Summit => ("Summit", "峰会"),
        Category::Launch => ("Launch", "启动仪式"),
        Category::Inauguration => ("Inauguration", "揭牌仪式"),
        Category::DelegationVisit => ("Delegation Visit", "考察交流"),
        Category::Signing => ("Signing Ceremony", "签约仪式"),
        Category::AssociationFounding => ("Association Founding", "协会成立大会"),
        Category::Exhibition => ("Exhibition", "博览会"),
        Category::Policy => ("Policy Briefing", "政策发布会"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// That the data is also valid is checked where the validator is (`validate`).
    #[test]
    fn same_seed_same_data() {
        let first = generate(500, 7);
        assert_eq!(first, generate(500, 7));
        assert_ne!(first.events, generate(500, 8).events);
    }

    #[test]
    fn shape_is_realistic() {
        let dataset = generate(5_000, 1);
        let multi_day = dataset.events.iter().filter(|event| event.end.is_some()).count();
        assert!(
            (800..=1200).contains(&multi_day),
            "multi-day share off: {multi_day}/5000"
        );
        let abroad = dataset
            .events
            .iter()
            .filter(|event| event.places[0].country != "CN")
            .count();
        assert!(abroad > 0 && abroad < 1_000, "abroad: {abroad}");
        let conferences = dataset
            .events
            .iter()
            .filter(|event| event.category == Category::Conference)
            .count();
        let policies = dataset
            .events
            .iter()
            .filter(|event| event.category == Category::Policy)
            .count();
        assert!(
            conferences > 10 * policies,
            "categories should be skewed: {conferences} vs {policies}"
        );
        let years: Vec<i32> = dataset
            .events
            .iter()
            .map(|event| chrono::Datelike::year(&event.start))
            .collect();
        assert!(years.iter().all(|year| (2010..=2026).contains(year)));
    }
}
