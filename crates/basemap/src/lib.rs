//! The basemap: TopoJSON (what `scripts/basemap.mjs` ships in `www/basemap/`) or a plain GeoJSON
//! FeatureCollection (a maintainer's own), decoded into features of projected paths with names,
//! and turned into SVG path data for a view.
//!
//! Decoding projects every coordinate once into the world square, so drawing a frame is a scale
//! and a translation per point. A malformed or non-longitude/latitude file is a
//! [`BasemapError`], never a panic. The GeoJSON reader is written here on `serde_json` (already a
//! dependency) rather than with the `geojson` crate, because only polygons, lines and names are
//! needed.
//!
//! A crate of its own, on top of `health-atlas-geo`'s projection: it runs once per map, so it
//! is compiled for size ("z") while the geo crate's per-frame code is compiled for speed ("s");
//! at "s" it cost about 1.4 KB brotli more.

use std::fmt::{self, Write};

use serde_json::{Map, Value};

use health_atlas_geo::{project, LonLat, MapView, Viewport, WorldPoint};
use health_atlas_model::LocalizedText;

/// One path in world coordinates: a polygon ring (`closed`) or a line.
#[derive(Clone, Debug, PartialEq)]
pub struct WorldPath {
    pub points: Vec<WorldPoint>,
    pub closed: bool,
}

/// World-square bounds of a feature.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldBounds {
    pub min_x: f64,
    pub min_y: f64,
    pub max_x: f64,
    pub max_y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BasemapFeature {
    /// The TopoJSON object (`countries`, `provinces`, `insets`) or `features` for GeoJSON.
    pub layer: String,
    pub id: Option<String>,
    pub names: LocalizedText,
    /// ISO code (`BA`, `CN-31`) when the file has one.
    pub iso: Option<String>,
    /// A schematic inset rather than geography (ECharts' South China Sea islands box).
    pub inset: bool,
    pub paths: Vec<WorldPath>,
    pub bounds: WorldBounds,
    /// Where the name goes: the file's `cp` point, or the centre of the largest ring's bounds.
    pub label_at: WorldPoint,
}

/// Shown labels need this much width on screen, in pixels.
const LABEL_MIN_WIDTH: f64 = 48.0;

impl BasemapFeature {
    /// The zoom from which the feature is wide enough on screen for its name.
    pub fn label_min_zoom(&self) -> f64 {
        let width = self.bounds.max_x - self.bounds.min_x;
        if width <= 0.0 {
            return f64::INFINITY;
        }
        (LABEL_MIN_WIDTH / (width * health_atlas_geo::TILE_SIZE)).log2()
    }

    /// SVG path data for the feature in this view, on every copy of the world the viewport shows.
    /// Points closer than half a pixel to the previous one are skipped, which is the only
    /// simplification per zoom needed at the shipped resolution. Empty when off screen.
    pub fn path_data(&self, view: &MapView, viewport: Viewport) -> String {
        let mut data = String::new();
        let size = view.world_size();
        let left = view.screen_to_world(health_atlas_geo::ScreenPoint::new(0.0, 0.0), viewport);
        let right = view.screen_to_world(
            health_atlas_geo::ScreenPoint::new(viewport.width, viewport.height),
            viewport,
        );
        if self.bounds.max_y < left.y || self.bounds.min_y > right.y {
            return data;
        }
        let first_copy = (left.x - self.bounds.max_x).ceil() as i64;
        let last_copy = (right.x - self.bounds.min_x).floor() as i64;
        for copy in first_copy..=last_copy.min(first_copy + 4) {
            let offset = copy as f64;
            // Where the world's top-left corner is on screen; a point is then one multiply-add.
            let origin = view.world_to_screen(WorldPoint { x: 0.0, y: 0.0 }, viewport);
            for path in &self.paths {
                append_path(&mut data, path, offset, origin, size);
            }
        }
        data
    }
}

fn append_path(data: &mut String, path: &WorldPath, offset: f64, origin: health_atlas_geo::ScreenPoint, size: f64) {
    // Positions are rounded to tenths of a pixel (enough, and short), kept as integers, and
    // written relative to the previous one: `M1234.5 678.9l1.2-0.5…`. Integers format without
    // the float formatter, which was most of the cost of a frame, and the small steps make the
    // string about half as long for the browser to copy and parse. Steps are taken between
    // rounded positions, so the rounding never accumulates.
    let mut previous: Option<(i64, i64)> = None;
    let last = path.points.len().saturating_sub(1);
    for (index, point) in path.points.iter().enumerate() {
        let x = to_tenths(origin.x + (point.x + offset) * size);
        let y = to_tenths(origin.y + point.y * size);
        match previous {
            None => {
                data.push('M');
                write_tenths(data, x);
                data.push(' ');
                write_tenths(data, y);
            }
            Some((previous_x, previous_y)) => {
                let (dx, dy) = (x - previous_x, y - previous_y);
                // Steps under half a pixel are skipped, but a line keeps its last point so it
                // ends where it should.
                if dx.abs() < 5 && dy.abs() < 5 && (index != last || path.closed) {
                    continue;
                }
                data.push('l');
                write_tenths(data, dx);
                // A minus sign separates the numbers by itself.
                if dy >= 0 {
                    data.push(' ');
                }
                write_tenths(data, dy);
            }
        }
        previous = Some((x, y));
    }
    if path.closed && previous.is_some() {
        data.push('Z');
    }
}

/// A screen coordinate in tenths of a pixel. Far off-screen values (a huge zoom) saturate,
/// which only moves points that are never seen.
fn to_tenths(value: f64) -> i64 {
    (value * 10.0).round() as i64
}

/// Writes tenths as a decimal number: `-12.3`, `4` (no `.0`), `-0.5`.
fn write_tenths(data: &mut String, tenths: i64) {
    if tenths < 0 {
        data.push('-');
    }
    let magnitude = tenths.unsigned_abs();
    let _ = write!(data, "{}", magnitude / 10);
    let fraction = (magnitude % 10) as u8;
    if fraction != 0 {
        data.push('.');
        data.push(char::from(b'0' + fraction));
    }
}

/// A decoded basemap: every feature of every layer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Basemap {
    pub features: Vec<BasemapFeature>,
    /// Who made it, for the map's credit line: a GeoJSON file's top-level `"attribution"`
    /// string; `None` for the shipped files (the app names their sources itself).
    pub attribution: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum BasemapError {
    /// Not JSON, or JSON of the wrong shape; serde's message says where.
    Json(String),
    /// The top-level `type` is not what the reader expects.
    NotA(&'static str),
    /// A geometry uses an arc that the topology does not have.
    ArcOutOfRange { layer: String, feature: usize, arc: i64 },
    /// A coordinate is not a number, or not a longitude/latitude (a file in metres, say).
    NotLonLat {
        layer: String,
        feature: usize,
        value: [f64; 2],
    },
    /// A position with fewer than two numbers.
    ShortPosition { layer: String, feature: usize },
    /// No feature has a polygon or a line: the map would be empty.
    NothingToDraw,
}

impl fmt::Display for BasemapError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BasemapError::Json(message) => write!(formatter, "basemap is not valid: {message}"),
            BasemapError::NotA(kind) => write!(formatter, "basemap is not a {kind}"),
            BasemapError::ArcOutOfRange { layer, feature, arc } => {
                write!(formatter, "{layer}[{feature}]: arc {arc} does not exist")
            }
            BasemapError::NotLonLat { layer, feature, value } => write!(
                formatter,
                "{layer}[{feature}]: ({}, {}) is not a longitude/latitude in degrees",
                value[0], value[1]
            ),
            BasemapError::ShortPosition { layer, feature } => {
                write!(formatter, "{layer}[{feature}]: a position needs two numbers")
            }
            BasemapError::NothingToDraw => write!(formatter, "basemap has no polygon or line to draw"),
        }
    }
}

impl std::error::Error for BasemapError {}

/// A quantized topology's `transform`: positions are integers, delta-encoded along each arc.
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

fn number_pair(value: Option<&Value>) -> Option<[f64; 2]> {
    match value?.as_array()?.as_slice() {
        [first, second] => Some([first.as_f64()?, second.as_f64()?]),
        _ => None,
    }
}

/// Where a feature is, for error messages.
struct Place<'a> {
    layer: &'a str,
    feature: usize,
}

fn lon_lat(values: &[f64], place: &Place) -> Result<WorldPoint, BasemapError> {
    let [lon, lat] = match values {
        [lon, lat, ..] => [*lon, *lat],
        _ => {
            return Err(BasemapError::ShortPosition {
                layer: place.layer.to_string(),
                feature: place.feature,
            })
        }
    };
    // A little slack for rounding in the source files; then clamp into range.
    if !(lon.is_finite() && lat.is_finite() && lon.abs() <= 180.001 && lat.abs() <= 90.001) {
        return Err(BasemapError::NotLonLat {
            layer: place.layer.to_string(),
            feature: place.feature,
            value: [lon, lat],
        });
    }
    Ok(project(LonLat::new(lon.clamp(-180.0, 180.0), lat.clamp(-90.0, 90.0))))
}

fn text_property(properties: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .find_map(|key| properties.get(*key).and_then(Value::as_str))
        .map(str::to_string)
}

fn id_text(id: Option<&Value>) -> Option<String> {
    match id? {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn make_feature(
    layer: &str,
    id: Option<&Value>,
    properties: Option<&Map<String, Value>>,
    paths: Vec<WorldPath>,
) -> Option<BasemapFeature> {
    let empty = Map::new();
    let properties = properties.unwrap_or(&empty);
    let bounds = bounds_of(&paths)?;
    let label_at = properties
        .get("cp")
        .and_then(Value::as_array)
        .and_then(|pair| Some(LonLat::new(pair.first()?.as_f64()?, pair.get(1)?.as_f64()?)))
        .filter(LonLat::is_valid)
        .map(project)
        .unwrap_or_else(|| largest_ring_center(&paths, bounds));
    let names = LocalizedText::new(
        &text_property(properties, &["name_en", "name:en", "name"]).unwrap_or_default(),
        &text_property(properties, &["name_zh", "name:zh"]).unwrap_or_default(),
        &text_property(properties, &["name_fr", "name:fr"]).unwrap_or_default(),
    );
    Some(BasemapFeature {
        layer: layer.to_string(),
        id: id_text(id),
        names,
        iso: text_property(properties, &["iso"]),
        inset: properties.get("inset").and_then(Value::as_bool).unwrap_or(false),
        paths,
        bounds,
        label_at,
    })
}

fn bounds_of(paths: &[WorldPath]) -> Option<WorldBounds> {
    let mut points = paths.iter().flat_map(|path| path.points.iter());
    let first = points.next()?;
    let mut bounds = WorldBounds {
        min_x: first.x,
        min_y: first.y,
        max_x: first.x,
        max_y: first.y,
    };
    for point in points {
        bounds.min_x = bounds.min_x.min(point.x);
        bounds.min_y = bounds.min_y.min(point.y);
        bounds.max_x = bounds.max_x.max(point.x);
        bounds.max_y = bounds.max_y.max(point.y);
    }
    Some(bounds)
}

/// The centre of the bounds of the ring with the largest area: inside the mainland of a country
/// with islands far more often than the centre of all its bounds.
fn largest_ring_center(paths: &[WorldPath], whole: WorldBounds) -> WorldPoint {
    let area = |path: &WorldPath| {
        path.points
            .windows(2)
            .map(|pair| pair[0].x * pair[1].y - pair[1].x * pair[0].y)
            .sum::<f64>()
            .abs()
    };
    let largest = paths
        .iter()
        .filter(|path| path.closed)
        .max_by(|a, b| area(a).total_cmp(&area(b)));
    let bounds = largest
        .and_then(|path| bounds_of(std::slice::from_ref(path)))
        .unwrap_or(whole);
    WorldPoint {
        x: (bounds.min_x + bounds.max_x) / 2.0,
        y: (bounds.min_y + bounds.max_y) / 2.0,
    }
}

impl Basemap {
    /// Features from every layer of every input, in order: for example the world, then China.
    pub fn merged(parts: impl IntoIterator<Item = Basemap>) -> Basemap {
        Basemap {
            features: parts.into_iter().flat_map(|part| part.features).collect(),
            attribution: None,
        }
    }

    /// Reads a TopoJSON topology (quantized and delta-encoded, or not). Polygons, multi-polygons,
    /// lines and geometry collections become features; points are skipped (a basemap draws no
    /// markers).
    ///
    /// Like the GeoJSON reader, it walks the `serde_json::Value` rather than deriving a
    /// deserializer: one JSON reader for both formats in the wasm.
    pub fn from_topojson(text: &str) -> Result<Basemap, BasemapError> {
        let value: Value = serde_json::from_str(text).map_err(|error| BasemapError::Json(error.to_string()))?;
        if value.get("type").and_then(Value::as_str) != Some("Topology") {
            return Err(BasemapError::NotA("TopoJSON Topology"));
        }
        let transform = match value.get("transform") {
            None | Some(Value::Null) => None,
            Some(transform) => Some(Transform {
                scale: number_pair(transform.get("scale"))
                    .ok_or_else(|| BasemapError::Json("transform.scale must be two numbers".to_string()))?,
                translate: number_pair(transform.get("translate"))
                    .ok_or_else(|| BasemapError::Json("transform.translate must be two numbers".to_string()))?,
            }),
        };
        let arcs = decode_arcs(value.get("arcs"), transform.as_ref())?;
        let objects = value
            .get("objects")
            .and_then(Value::as_object)
            .ok_or_else(|| BasemapError::Json("\"objects\" must be an object".to_string()))?;
        // Layers in name order whatever the JSON map keeps (serde_json's `preserve_order`).
        let mut layers: Vec<(&String, &Value)> = objects.iter().collect();
        health_atlas_model::order::sort_by(&mut layers, |first, second| first.0.cmp(second.0));
        let mut features = Vec::new();
        for (layer, object) in layers {
            let members: Vec<&Value> = if object.get("type").and_then(Value::as_str) == Some("GeometryCollection") {
                object
                    .get("geometries")
                    .and_then(Value::as_array)
                    .map(|geometries| geometries.iter().collect())
                    .unwrap_or_default()
            } else {
                vec![object]
            };
            for (feature, geometry) in members.into_iter().enumerate() {
                let place = Place { layer, feature };
                let mut paths = Vec::new();
                topo_paths(geometry, &arcs, &place, &mut paths)?;
                features.extend(make_feature(
                    layer,
                    geometry.get("id"),
                    geometry.get("properties").and_then(Value::as_object),
                    paths,
                ));
            }
        }
        Ok(Basemap {
            features,
            attribution: None,
        })
    }

    /// Reads a GeoJSON FeatureCollection (or a single Feature) in longitude/latitude: a
    /// maintainer's own basemap. Polygons and lines (also inside multi-geometries and geometry
    /// collections) become features; points draw nothing and features without a geometry are
    /// skipped. Anything else is an error naming the feature (`features[3]`) and what was
    /// expected, and so is a file with nothing to draw. It walks the `serde_json::Value`
    /// rather than deriving a deserializer, which keeps the wasm smaller.
    pub fn from_geojson(text: &str) -> Result<Basemap, BasemapError> {
        let value: Value = serde_json::from_str(text).map_err(|error| BasemapError::Json(error.to_string()))?;
        let features = match value.get("type").and_then(Value::as_str) {
            Some("FeatureCollection") => value
                .get("features")
                .and_then(Value::as_array)
                .ok_or_else(|| BasemapError::Json("\"features\" must be an array of features".to_string()))?
                .as_slice(),
            Some("Feature") => std::slice::from_ref(&value),
            _ => return Err(BasemapError::NotA("GeoJSON FeatureCollection")),
        };
        let layer = "features";
        let mut decoded = Vec::new();
        for (index, feature) in features.iter().enumerate() {
            let place = Place { layer, feature: index };
            if feature.get("type").and_then(Value::as_str) != Some("Feature") {
                return Err(shape_error(&place, "expected an object with \"type\": \"Feature\""));
            }
            let properties = match feature.get("properties") {
                None | Some(Value::Null) => None,
                Some(Value::Object(properties)) => Some(properties),
                Some(_) => return Err(shape_error(&place, "\"properties\" must be an object or null")),
            };
            let mut paths = Vec::new();
            match feature.get("geometry") {
                None | Some(Value::Null) => {}
                Some(geometry) => geojson_paths(geometry, &place, &mut paths)?,
            }
            decoded.extend(make_feature(layer, feature.get("id"), properties, paths));
        }
        if decoded.is_empty() {
            return Err(BasemapError::NothingToDraw);
        }
        Ok(Basemap {
            features: decoded,
            attribution: value.get("attribution").and_then(Value::as_str).map(str::to_string),
        })
    }
}

/// Absolute, projected arcs, decoded once per topology. An error names the arc as
/// `arcs[index]`.
fn decode_arcs(arcs: Option<&Value>, transform: Option<&Transform>) -> Result<Vec<Vec<WorldPoint>>, BasemapError> {
    let arcs = arcs
        .and_then(Value::as_array)
        .ok_or_else(|| BasemapError::Json("\"arcs\" must be an array".to_string()))?;
    arcs.iter()
        .enumerate()
        .map(|(index, arc)| {
            let place = Place {
                layer: "arcs",
                feature: index,
            };
            let (mut x, mut y) = (0.0, 0.0);
            nested(arc, &place)?
                .iter()
                .map(|position| {
                    let position: Vec<f64> = nested(position, &place)?
                        .iter()
                        .map(|number| number.as_f64().unwrap_or(f64::NAN))
                        .collect();
                    let values = match (transform, position.as_slice()) {
                        (Some(transform), [dx, dy, ..]) => {
                            x += dx;
                            y += dy;
                            [
                                x * transform.scale[0] + transform.translate[0],
                                y * transform.scale[1] + transform.translate[1],
                            ]
                        }
                        (None, [lon, lat, ..]) => [*lon, *lat],
                        _ => return lon_lat(&position, &place),
                    };
                    lon_lat(&values, &place)
                })
                .collect()
        })
        .collect()
}

fn arc_indices(value: &Value) -> Option<Vec<i64>> {
    value.as_array()?.iter().map(Value::as_i64).collect()
}

/// Joins arcs into one path: a negative index `!i` is arc `i` reversed, and each arc after the
/// first starts where the previous ended, so its first point is dropped.
fn stitch(indices: &[i64], arcs: &[Vec<WorldPoint>], place: &Place) -> Result<Vec<WorldPoint>, BasemapError> {
    let mut points: Vec<WorldPoint> = Vec::new();
    for &index in indices {
        let (arc_index, reversed) = if index >= 0 { (index, false) } else { (!index, true) };
        let arc = usize::try_from(arc_index)
            .ok()
            .and_then(|arc_index| arcs.get(arc_index))
            .ok_or_else(|| BasemapError::ArcOutOfRange {
                layer: place.layer.to_string(),
                feature: place.feature,
                arc: index,
            })?;
        let skip = usize::from(!points.is_empty());
        if reversed {
            points.extend(arc.iter().rev().skip(skip));
        } else {
            points.extend(arc.iter().skip(skip));
        }
    }
    Ok(points)
}

fn shape_error(place: &Place, what: &str) -> BasemapError {
    BasemapError::Json(format!("{}[{}]: {what}", place.layer, place.feature))
}

fn topo_paths(
    geometry: &Value,
    arcs: &[Vec<WorldPoint>],
    place: &Place,
    paths: &mut Vec<WorldPath>,
) -> Result<(), BasemapError> {
    let Some(kind) = geometry.get("type").and_then(Value::as_str) else {
        return Ok(()); // A null geometry: a feature with no shape.
    };
    let arcs_value = geometry.get("arcs");
    let rings = |value: &Value| -> Result<Vec<Vec<i64>>, BasemapError> {
        value
            .as_array()
            .ok_or_else(|| shape_error(place, "arcs must be an array"))?
            .iter()
            .map(|ring| arc_indices(ring).ok_or_else(|| shape_error(place, "arc indices must be integers")))
            .collect()
    };
    let missing = || shape_error(place, "geometry has no arcs");
    match kind {
        "Polygon" | "MultiLineString" | "LineString" => {
            let closed = kind == "Polygon";
            let value = arcs_value.ok_or_else(missing)?;
            let lists = if kind == "LineString" {
                vec![arc_indices(value).ok_or_else(|| shape_error(place, "arc indices must be integers"))?]
            } else {
                rings(value)?
            };
            for list in lists {
                paths.push(WorldPath {
                    points: stitch(&list, arcs, place)?,
                    closed,
                });
            }
        }
        "MultiPolygon" => {
            let polygons = arcs_value.and_then(Value::as_array).ok_or_else(missing)?;
            for polygon in polygons {
                for ring in rings(polygon)? {
                    paths.push(WorldPath {
                        points: stitch(&ring, arcs, place)?,
                        closed: true,
                    });
                }
            }
        }
        "GeometryCollection" => {
            for member in geometry
                .get("geometries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                topo_paths(member, arcs, place, paths)?;
            }
        }
        // Points and unknown types draw nothing on a basemap.
        _ => {}
    }
    Ok(())
}

fn positions(value: &Value, place: &Place) -> Result<Vec<WorldPoint>, BasemapError> {
    value
        .as_array()
        .ok_or_else(|| shape_error(place, "coordinates must be an array"))?
        .iter()
        .map(|position| {
            let numbers: Vec<f64> = position
                .as_array()
                .ok_or_else(|| shape_error(place, "a position must be an array"))?
                .iter()
                .map(|number| number.as_f64().unwrap_or(f64::NAN))
                .collect();
            lon_lat(&numbers, place)
        })
        .collect()
}

fn nested<'a>(value: &'a Value, place: &Place) -> Result<&'a Vec<Value>, BasemapError> {
    value
        .as_array()
        .ok_or_else(|| shape_error(place, "coordinates must be an array"))
}

fn geojson_paths(geometry: &Value, place: &Place, paths: &mut Vec<WorldPath>) -> Result<(), BasemapError> {
    let kind = geometry
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| shape_error(place, "a geometry must be an object with a \"type\""))?;
    let coordinates = || {
        geometry
            .get("coordinates")
            .ok_or_else(|| shape_error(place, "the geometry has no \"coordinates\""))
    };
    match kind {
        "LineString" => paths.push(WorldPath {
            points: positions(coordinates()?, place)?,
            closed: false,
        }),
        "MultiLineString" | "Polygon" => {
            for line in nested(coordinates()?, place)? {
                paths.push(WorldPath {
                    points: positions(line, place)?,
                    closed: kind == "Polygon",
                });
            }
        }
        "MultiPolygon" => {
            for polygon in nested(coordinates()?, place)? {
                for ring in nested(polygon, place)? {
                    paths.push(WorldPath {
                        points: positions(ring, place)?,
                        closed: true,
                    });
                }
            }
        }
        "GeometryCollection" => {
            let members = geometry
                .get("geometries")
                .and_then(Value::as_array)
                .ok_or_else(|| shape_error(place, "\"geometries\" must be an array"))?;
            for member in members {
                geojson_paths(member, place, paths)?;
            }
        }
        // A basemap draws no markers.
        "Point" | "MultiPoint" => {}
        other => {
            return Err(shape_error(
                place,
                &format!("{other:?} is not a GeoJSON geometry type (Polygon, MultiPolygon, LineString, …)"),
            ))
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use health_atlas_geo::{LonLatBounds, ZoomLimits};
    use health_atlas_model::Lang;

    const VIEWPORT: Viewport = Viewport {
        width: 800.0,
        height: 600.0,
    };

    #[test]
    fn shipped_basemap_decodes_with_names_in_three_languages() {
        let world = Basemap::from_topojson(include_str!("../../../www/basemap/world.topo.json")).unwrap(); // ok: shipped file
        let china = Basemap::from_topojson(include_str!("../../../www/basemap/china.topo.json")).unwrap(); // ok: shipped file
                                                                                                           // Natural Earth 1:110m (177 countries): context around the events; China is drawn from
                                                                                                           // its provinces on top.
        assert!(world.features.len() >= 170, "{}", world.features.len());
        let bosnia = world
            .features
            .iter()
            .find(|feature| feature.iso.as_deref() == Some("BA"))
            .unwrap(); // ok: in Natural Earth
        assert_eq!(bosnia.names.get(Lang::Zh), Some("波黑"));
        assert_eq!(bosnia.names.get(Lang::Fr), Some("Bosnie-Herzégovine"));
        let provinces: Vec<&BasemapFeature> = china
            .features
            .iter()
            .filter(|feature| feature.layer == "provinces")
            .collect();
        assert_eq!(provinces.len(), 34);
        let shanghai = provinces
            .iter()
            .find(|feature| feature.names.get(Lang::Zh) == Some("上海"))
            .unwrap(); // ok: in ECharts
        assert_eq!(shanghai.names.get(Lang::En), Some("Shanghai"));
        assert_eq!(shanghai.iso.as_deref(), Some("CN-31"));
        assert!(china.features.iter().any(|feature| feature.inset));
        // Shanghai's outline is around Shanghai.
        let center = health_atlas_geo::unproject(shanghai.label_at);
        assert!(
            (center.lon - 121.4).abs() < 1.0 && (center.lat - 31.2).abs() < 1.0,
            "{center:?}"
        );

        let view = MapView::fit_bounds(
            &LonLatBounds::new(73.5, 18.0, 135.1, 53.6).unwrap(), // ok: valid literal
            VIEWPORT,
            Default::default(),
            ZoomLimits::default(),
        );
        let data = shanghai.path_data(&view, VIEWPORT);
        assert!(data.starts_with('M') && data.ends_with('Z'), "{data}");
        // Off screen: nothing.
        assert_eq!(bosnia.path_data(&view, VIEWPORT), "");
        // Zoomed in, the names of big places show before those of small ones.
        let xinjiang = provinces
            .iter()
            .find(|feature| feature.iso.as_deref() == Some("CN-65"))
            .unwrap(); // ok: in ECharts
        assert!(xinjiang.label_min_zoom() < shanghai.label_min_zoom());
    }

    const SQUARE_TOPOLOGY: &str = r#"{"type":"Topology","transform":{"scale":[1,1],"translate":[0,0]},
        "arcs":[[[0,0],[10,0],[0,10]],[[10,10],[-10,0],[0,-10]]],
        "objects":{"shapes":{"type":"GeometryCollection","geometries":[
          {"type":"Polygon","arcs":[[0,1]],"id":7,"properties":{"name":"Square","name_zh":"方"}},
          {"type":"LineString","arcs":[~0]},
          {"type":null}
        ]}}}"#;

    #[test]
    fn topojson_arcs_are_delta_decoded_and_stitched() {
        let text = SQUARE_TOPOLOGY.replace("[~0]", "[-1]");
        let basemap = Basemap::from_topojson(&text).unwrap(); // ok: valid test input
        assert_eq!(basemap.features.len(), 2, "the null geometry has no shape");
        let square = &basemap.features[0];
        assert_eq!(square.id.as_deref(), Some("7"));
        assert_eq!(square.names.get(Lang::En), Some("Square"));
        assert_eq!(square.names.get(Lang::Zh), Some("方"));
        let corners: Vec<LonLat> = square.paths[0]
            .points
            .iter()
            .map(|point| health_atlas_geo::unproject(*point))
            .collect();
        let rounded: Vec<(i64, i64)> = corners
            .iter()
            .map(|corner| (corner.lon.round() as i64, corner.lat.round() as i64))
            .collect();
        assert_eq!(rounded, vec![(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]);
        assert!(square.paths[0].closed);
        // The reversed arc runs backwards.
        let line = &basemap.features[1].paths[0];
        assert!(!line.closed);
        assert_eq!(health_atlas_geo::unproject(line.points[0]).lon.round(), 10.0);
    }

    #[test]
    fn geojson_feature_collections_decode() {
        let text = r#"{"type":"FeatureCollection","features":[
          {"type":"Feature","id":"a","properties":{"name_en":"Box","name_fr":"Boîte"},
           "geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}},
          {"type":"Feature","properties":null,"geometry":null}
        ]}"#;
        let basemap = Basemap::from_geojson(text).unwrap(); // ok: valid test input
        assert_eq!(basemap.features.len(), 1);
        assert_eq!(basemap.features[0].paths.len(), 2);
        assert_eq!(basemap.features[0].names.get(Lang::Fr), Some("Boîte"));
        let single =
            r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[0,0],[3,4]]}}"#;
        assert_eq!(Basemap::from_geojson(single).unwrap().features.len(), 1); // ok: valid test input
    }

    #[test]
    fn bad_basemaps_give_typed_errors() {
        assert!(matches!(Basemap::from_topojson("not json"), Err(BasemapError::Json(_))));
        assert!(matches!(
            Basemap::from_topojson(r#"{"type":"Other","arcs":[],"objects":{}}"#),
            Err(BasemapError::NotA(_))
        ));
        let missing_arc = SQUARE_TOPOLOGY.replace("[~0]", "[5]");
        assert!(matches!(
            Basemap::from_topojson(&missing_arc),
            Err(BasemapError::ArcOutOfRange { arc: 5, .. })
        ));
        let metres = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"Polygon","coordinates":[[[500000,4000000],[500100,4000000],[500000,4000100]]]}}]}"#;
        assert!(matches!(
            Basemap::from_geojson(metres),
            Err(BasemapError::NotLonLat { feature: 0, .. })
        ));
        let short = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},
            "geometry":{"type":"LineString","coordinates":[[1],[2,3]]}}]}"#;
        assert!(matches!(
            Basemap::from_geojson(short),
            Err(BasemapError::ShortPosition { .. })
        ));
        assert!(matches!(
            Basemap::from_geojson(r#"{"type":"Topology"}"#),
            Err(BasemapError::NotA(_))
        ));
        assert!(matches!(
            Basemap::from_geojson(
                r#"{"type":"FeatureCollection","features":[{"geometry":{"type":"Polygon","coordinates":3}}]}"#
            ),
            Err(BasemapError::Json(_))
        ));
    }

    /// A maintainer's file: what is wrong is said with the feature's index and what was
    /// expected, and a file that would draw nothing is refused.
    #[test]
    fn geojson_errors_name_the_feature_and_what_was_expected() {
        let square = r#"{"type":"Feature","properties":{"name":"Island"},
            "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#;
        let collection = |second: &str| format!(r#"{{"type":"FeatureCollection","features":[{square},{second}]}}"#);
        let message = |text: &str| {
            Basemap::from_geojson(text)
                .map(|_| ())
                .map_err(|error| error.to_string())
        };
        let cases = [
            (
                r#"{"type":"Feature","geometry":{"type":"Polygn","coordinates":[]}}"#,
                r#"features[1]: "Polygn" is not a GeoJSON geometry type"#,
            ),
            (
                r#"{"type":"Feature","geometry":{"type":"Polygon"}}"#,
                r#"features[1]: the geometry has no "coordinates""#,
            ),
            (
                r#"{"geometry":null}"#,
                r#"features[1]: expected an object with "type": "Feature""#,
            ),
            (
                r#"{"type":"Feature","properties":[1],"geometry":null}"#,
                r#"features[1]: "properties" must be an object or null"#,
            ),
            (
                r#"{"type":"Feature","geometry":{"type":"LineString","coordinates":[[0,0],[200,0]]}}"#,
                "features[1]: (200, 0) is not a longitude/latitude in degrees",
            ),
        ];
        for (second, expected) in cases {
            let result = message(&collection(second));
            assert!(
                result.as_ref().is_err_and(|error| error.contains(expected)),
                "{second}: {result:?}"
            );
        }
        assert_eq!(
            message(r#"{"type":"FeatureCollection","features":{}}"#),
            Err(r#"basemap is not valid: "features" must be an array of features"#.to_string())
        );
        assert_eq!(
            Basemap::from_geojson(
                r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}]}"#
            ),
            Err(BasemapError::NothingToDraw)
        );
        assert_eq!(
            Basemap::from_geojson(r#"{"type":"FeatureCollection","features":[]}"#),
            Err(BasemapError::NothingToDraw)
        );
        // A good file keeps its credit line.
        let credited =
            format!(r#"{{"type":"FeatureCollection","attribution":"Survey of Atlantis","features":[{square}]}}"#);
        let basemap = Basemap::from_geojson(&credited).unwrap(); // ok: valid test input
        assert_eq!(basemap.attribution.as_deref(), Some("Survey of Atlantis"));
        assert_eq!(basemap.features[0].names.best(Lang::En), "Island");
    }

    #[test]
    fn path_data_draws_each_visible_copy_of_the_world() {
        let text = r#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[170,-10],[179,-10],[179,10],[170,10],[170,-10]]]}}"#;
        let basemap = Basemap::from_geojson(text).unwrap(); // ok: valid test input
                                                            // Zoomed out (the world is 512 px wide) in a 1000 px viewport, the world repeats: the
                                                            // feature near 175° E shows at the right edge of the world and again on the copy west.
        let view = MapView::new(LonLat::new(0.0, 0.0), 1.0, ZoomLimits::default());
        let wide = Viewport::new(1000.0, 300.0);
        let data = basemap.features[0].path_data(&view, wide);
        assert_eq!(data.matches('M').count(), 2, "{data}");
        // Centred on the antimeridian, the feature is drawn left of the centre.
        let view = MapView::new(LonLat::new(180.0, 0.0), 4.0, ZoomLimits::default());
        let data = basemap.features[0].path_data(&view, VIEWPORT);
        assert_eq!(data.matches('M').count(), 1, "{data}");
        let first_x: f64 = data[1..].split(' ').next().unwrap().parse().unwrap(); // ok: our own output
        assert!(first_x < 400.0, "{data}");
    }

    /// The points of SVG path data as written here (`M x y`, then `l dx dy` steps, `Z`).
    fn read_path(data: &str) -> Vec<Vec<(f64, f64)>> {
        let mut paths: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut numbers = String::new();
        let mut command = ' ';
        let flush = |command: char, numbers: &mut String, paths: &mut Vec<Vec<(f64, f64)>>| {
            // A minus sign starts a new number.
            let values: Vec<f64> = numbers
                .replace('-', " -")
                .split_whitespace()
                .map(|number| number.parse().expect("a number")) // ok: test helper
                .collect();
            numbers.clear();
            match (command, values.as_slice()) {
                ('M', [x, y]) => paths.push(vec![(*x, *y)]),
                ('l', [dx, dy]) => {
                    let path = paths.last_mut().expect("l after M"); // ok: test helper
                    let &(x, y) = path.last().expect("a point"); // ok: test helper
                    path.push((x + dx, y + dy));
                }
                (' ' | 'Z', []) => {}
                other => panic!("unexpected {other:?}"),
            }
        };
        for character in data.chars() {
            if matches!(character, 'M' | 'l' | 'Z') {
                flush(command, &mut numbers, &mut paths);
                command = character;
            } else {
                numbers.push(character);
            }
        }
        flush(command, &mut numbers, &mut paths);
        paths
    }

    #[test]
    fn path_data_is_short_relative_steps_that_land_on_the_projected_points() {
        let text = r#"{"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[100,20],[100.001,20],[101.3,21.7],[99.2,22.05],[99.2,22.0501]]}}"#;
        let feature = &Basemap::from_geojson(text).unwrap().features[0]; // ok: valid test input
        let view = MapView::new(LonLat::new(100.0, 21.0), 7.0, ZoomLimits::default());
        let data = feature.path_data(&view, VIEWPORT);
        assert!(
            data.starts_with('M') && data.contains('l') && !data.contains(".0 "),
            "{data}"
        );
        let drawn = read_path(&data);
        // The second point is a sub-pixel step and is skipped; the last is kept (a line's end).
        let expected: Vec<health_atlas_geo::ScreenPoint> =
            [(100.0, 20.0), (101.3, 21.7), (99.2, 22.05), (99.2, 22.0501)]
                .iter()
                .map(|&(lon, lat)| view.to_screen(LonLat::new(lon, lat), VIEWPORT))
                .collect();
        assert_eq!(drawn.len(), 1);
        assert_eq!(drawn[0].len(), expected.len(), "{data}");
        for (point, expected) in drawn[0].iter().zip(&expected) {
            assert!(
                (point.0 - expected.x).abs() <= 0.051 && (point.1 - expected.y).abs() <= 0.051,
                "{point:?} vs {expected:?} in {data}"
            );
        }
    }

    #[test]
    fn tenths_are_written_without_a_float_formatter() {
        let written = |tenths: i64| {
            let mut text = String::new();
            write_tenths(&mut text, tenths);
            text
        };
        assert_eq!(written(0), "0");
        assert_eq!(written(123), "12.3");
        assert_eq!(written(-120), "-12");
        assert_eq!(written(-5), "-0.5");
        assert_eq!(to_tenths(-0.04), 0);
        assert_eq!(to_tenths(1234.56), 12346);
    }
}
