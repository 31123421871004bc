//! The timeline's mathematics: a time scale from days to pixels, tick generation per zoom
//! level, lane packing and density bins. Plain Rust: it never touches `web_sys` or `yew`;
//! the timeline component only draws what these functions return.

mod layout;
mod ticks;
mod window;

pub use layout::{
    density, layout, presence_in, truncate_label, Layout, LayoutOptions, OverflowBin, PlacedItem, Presence, Span, Step,
    TimelineIndex,
};
pub use ticks::{axis, Axis, Tick, TickUnit};
pub use window::{date_of, day_number, TimeScale, TimeWindow, MAX_SPAN_DAYS, MIN_SPAN_DAYS};
