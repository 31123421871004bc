//! Each chart as a file of its own: CSV (through the `csv` crate, every cell behind the
//! model's formula guard) and a standalone SVG (fixed light colours and a white background,
//! since a file cannot read the page's theme; the category colours are the stylesheet's light
//! ones, a test keeps them equal). The app turns the SVG into a PNG with a canvas.

use health_atlas_model::csv::guard_formula;
use health_atlas_model::Category;

use super::{Layout, Network, TimeBars};

/// The light theme's category colours (`--ha-cat-*` in `www/css/atlas.css`), in `Category::ALL` order.
pub const CATEGORY_COLOURS: [&str; 10] = [
    "#1f5fae", "#7b3fa0", "#a33b20", "#1d7a3a", "#8a5a00", "#0b6e6e", "#9c2f6b", "#4a5a1a", "#5b4a9e", "#55606e",
];
const TEXT: &str = "#1b2430";
const MUTED: &str = "#56606e";
const ACCENT: &str = "#0b6e6e";

/// Rows as CSV text, each cell guarded against formulas.
pub fn csv_of(rows: impl IntoIterator<Item = Vec<String>>) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(row.into_iter().map(guard_formula));
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Text escaped for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            _ => escaped.push(character),
        }
    }
    escaped
}

fn open_svg(width: f64, height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" \
         font-family=\"system-ui, sans-serif\" font-size=\"12\" role=\"img\"><title>{}</title>\
         <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\
         <text x=\"12\" y=\"22\" font-size=\"15\" font-weight=\"700\" fill=\"{TEXT}\">{}</text>",
        escape(title),
        escape(title)
    )
}

/// The time chart as SVG: the stacked bars, a label under every few bars, and a legend with
/// each category's name and shape (`shape` gives its path in a 10 × 10 box, as the views draw it).
pub fn bars_svg(
    bars: &TimeBars,
    title: &str,
    bar_labels: &[String],
    category_names: &[&str; 10],
    shape: fn(Category) -> &'static str,
) -> String {
    let (left, top, plot_height, slot) = (40.0, 40.0, 220.0, 28.0);
    let width = left + 12.0 + slot * bars.bars.len().max(1) as f64;
    let legend_top = top + plot_height + 40.0;
    let height = legend_top + 20.0 * 5.0 + 12.0;
    let width = width.max(520.0);
    let mut svg = open_svg(width, height, title);
    let highest = bars.bars.iter().map(|bar| bar.total()).max().unwrap_or(0).max(1);
    svg += &format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{MUTED}\">{highest}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{MUTED}\">0</text>",
        left - 4.0,
        top + 4.0,
        left - 4.0,
        top + plot_height
    );
    let label_every = (bars.bars.len() / 12).max(1);
    for (position, bar) in bars.bars.iter().enumerate() {
        let x = left + slot * position as f64;
        let mut y = top + plot_height;
        for (category, &count) in Category::ALL.iter().zip(&bar.counts) {
            if count == 0 {
                continue;
            }
            let h = plot_height * f64::from(count) / f64::from(highest);
            y -= h;
            svg += &format!(
                "<rect x=\"{x}\" y=\"{y:.2}\" width=\"{}\" height=\"{h:.2}\" fill=\"{}\"><title>{}: {}</title></rect>",
                slot - 4.0,
                CATEGORY_COLOURS[*category as usize],
                escape(category_names[*category as usize]),
                count
            );
        }
        if position % label_every == 0 {
            svg += &format!(
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{TEXT}\">{}</text>",
                x + (slot - 4.0) / 2.0,
                top + plot_height + 16.0,
                escape(bar_labels.get(position).map_or("", String::as_str))
            );
        }
    }
    for (position, category) in Category::ALL.into_iter().enumerate() {
        let (x, y) = (
            12.0 + 250.0 * (position / 5) as f64,
            legend_top + 20.0 * (position % 5) as f64,
        );
        svg += &format!(
            "<path d=\"{}\" transform=\"translate({},{}) scale(1.2)\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{}</text>",
            shape(category),
            x + 6.0,
            y,
            CATEGORY_COLOURS[position],
            x + 18.0,
            y + 4.0,
            escape(category_names[position])
        );
    }
    svg + "</svg>"
}

/// A ranked chart as SVG: one labelled bar per row (name, count).
pub fn ranked_svg(title: &str, rows: &[(String, usize)]) -> String {
    let (label_width, bar_width, row) = (240.0, 320.0, 22.0);
    let height = 40.0 + row * rows.len() as f64 + 12.0;
    let mut svg = open_svg(label_width + bar_width + 80.0, height, title);
    let highest = rows.iter().map(|(_, count)| *count).max().unwrap_or(0).max(1);
    for (position, (name, count)) in rows.iter().enumerate() {
        let y = 40.0 + row * position as f64;
        let w = bar_width * *count as f64 / highest as f64;
        svg += &format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{TEXT}\">{}</text><rect x=\"{}\" y=\"{y}\" width=\"{w:.2}\" height=\"{}\" fill=\"{ACCENT}\"/><text x=\"{}\" y=\"{}\" fill=\"{TEXT}\">{count}</text>",
            label_width - 8.0,
            y + 14.0,
            escape(name),
            label_width,
            row - 6.0,
            label_width + w + 6.0,
            y + 14.0
        );
    }
    svg + "</svg>"
}

/// The network as SVG: edges as lines (width by shared events), organisations as circles and
/// people as squares (shape, not colour alone), each named.
pub fn network_svg(title: &str, network: &Network, layout: &Layout, names: &[String]) -> String {
    let (size, margin) = (640.0, 60.0);
    let (mut low_x, mut low_y, mut high_x, mut high_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for point in &layout.points {
        (low_x, low_y) = (low_x.min(point.x), low_y.min(point.y));
        (high_x, high_y) = (high_x.max(point.x), high_y.max(point.y));
    }
    let scale = (size - 2.0 * margin) / (high_x - low_x).max(high_y - low_y).max(1.0);
    let at = |index: u32| {
        let point = layout.points[index as usize];
        (
            margin + (point.x - low_x) * scale,
            40.0 + margin + (point.y - low_y) * scale,
        )
    };
    let mut svg = open_svg(size, size + 40.0, title);
    for edge in &network.edges {
        let ((x1, y1), (x2, y2)) = (at(edge.a), at(edge.b));
        svg += &format!(
            "<line x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\" stroke=\"{MUTED}\" stroke-opacity=\"0.5\" stroke-width=\"{:.1}\"/>",
            (1.0 + f64::from(edge.weight).ln()).min(6.0)
        );
    }
    for (index, node) in network.nodes.iter().enumerate() {
        let (x, y) = at(index as u32);
        let radius = 3.0 + f64::from(node.events).sqrt().min(9.0);
        let name = escape(names.get(index).map_or(node.key.as_str(), String::as_str));
        svg += &if node.facet == crate::query::Facet::Person {
            format!(
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{ACCENT}\"><title>{name}</title></rect>",
                x - radius,
                y - radius,
                2.0 * radius,
                2.0 * radius
            )
        } else {
            format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{radius:.1}\" fill=\"{}\"><title>{name}</title></circle>",
                CATEGORY_COLOURS[0]
            )
        };
        svg += &format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{TEXT}\">{name}</text>",
            x + radius + 2.0,
            y + 3.0
        );
    }
    svg + "</svg>"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::insights::{layout, network, time_bars, InsightIndex};
    use crate::query::{Catalog, Filters};

    #[test]
    fn the_category_colours_are_the_stylesheets_light_ones() {
        let css = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/css/atlas.css")).unwrap();
        for (category, colour) in Category::ALL.into_iter().zip(CATEGORY_COLOURS) {
            let declaration = format!("--ha-cat-{}: light-dark({colour},", category.slug().replace('_', "-"));
            assert!(css.contains(&declaration), "{declaration}");
        }
    }

    #[test]
    fn csv_cells_are_quoted_and_guarded() {
        let text = csv_of([
            vec!["Name".into(), "Events".into()],
            vec!["=HYPERLINK(\"x\")".into(), "3".into()],
            vec!["A, B".into(), "1".into()],
        ]);
        assert_eq!(text, "Name,Events\n\"'=HYPERLINK(\"\"x\"\")\",3\n\"A, B\",1\n");
    }

    #[test]
    fn the_svgs_are_well_formed_and_escape_names() {
        let catalog = Catalog::new(health_atlas_dataset::embedded_dataset().unwrap());
        let index = InsightIndex::new(&catalog);
        let bars = time_bars(&index, &catalog, &Filters::default(), None);
        let labels: Vec<String> = bars
            .bars
            .iter()
            .map(|bar| bar.label(bars.period, health_atlas_model::Lang::En))
            .collect();
        let names = ["a<b"; 10];
        let svg = bars_svg(&bars, "Events & more", &labels, &names, |_| "M0,0h1v1Z");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"") && svg.ends_with("</svg>"));
        assert!(svg.contains("Events &amp; more") && svg.contains("a&lt;b") && !svg.contains("a<b"));
        let rects = svg.matches("<rect").count() - 1;
        let segments: usize = bars
            .bars
            .iter()
            .map(|bar| bar.counts.iter().filter(|&&count| count > 0).count())
            .sum();
        assert_eq!(rects, segments);
        let network = network(&index, &catalog, &Filters::default(), None, 150);
        let placed = layout(&network, None);
        let names: Vec<String> = network.nodes.iter().map(|node| node.key.clone()).collect();
        let svg = network_svg("Network", &network, &placed, &names);
        assert_eq!(svg.matches("<line").count(), network.edges.len());
        assert!(!svg.contains("NaN"));
        assert_eq!(ranked_svg("T", &[("x\"".into(), 2)]).matches("x&quot;").count(), 1);
    }
}
