// The Health Atlas block in the editor: its options in the sidebar, and a live preview that
// is the server's own rendering (the same PHP that readers get, so notices about unusable
// options show here too) with the element script running in the editor page.
//
// Plain JavaScript through wp.element.createElement: the plugin has no build step.
(function (wp) {
  "use strict";
  const el = wp.element.createElement;
  const { Fragment } = wp.element;
  const { __ } = wp.i18n;
  const { registerBlockType } = wp.blocks;
  const { InspectorControls, MediaUpload, MediaUploadCheck, useBlockProps } = wp.blockEditor;
  const { Button, Notice, PanelBody, SelectControl, TextControl } = wp.components;
  const ServerSideRender = wp.serverSideRender;
  const NAME = "health-atlas/atlas";

  // The block editor keeps only the attributes a block defines and drops the others without
  // a word. Options it does not know (typed in the code editor, or saved by a newer version
  // of this plugin) are kept in `unknownOptions` instead, listed in the sidebar and, by the
  // server, in the preview.
  wp.hooks.addFilter("blocks.getBlockAttributes", "health-atlas/unknown-options", (attributes, blockType, innerHTML, given) => {
    if (!blockType || blockType.name !== NAME || !given) return attributes;
    const unknown = Object.assign({}, attributes.unknownOptions);
    for (const key of Object.keys(given)) {
      if (!Object.prototype.hasOwnProperty.call(blockType.attributes, key)) unknown[key] = given[key];
    }
    return Object.keys(unknown).length ? Object.assign({}, attributes, { unknownOptions: unknown }) : attributes;
  });

  const choices = (pairs) => pairs.map(([value, label]) => ({ value, label }));

  function DatasetPanel({ attributes, setAttributes }) {
    const picked = attributes.datasetId > 0;
    return el(
      PanelBody,
      { title: __("Events", "health-atlas") },
      el("p", null, picked
        ? __("A JSON file from the Media Library.", "health-atlas")
        : __("The built-in events, or your own file in the format of the atlas's data/events.json.", "health-atlas")),
      el(MediaUploadCheck, null,
        el(MediaUpload, {
          allowedTypes: ["application/json"],
          value: attributes.datasetId || undefined,
          onSelect: (media) => setAttributes({ datasetId: media.id, dataset: "" }),
          render: ({ open }) => el(Button, { variant: "secondary", onClick: open },
            picked ? __("Replace the JSON file", "health-atlas") : __("Choose a JSON file", "health-atlas")),
        })),
      picked && el(Button, { variant: "link", isDestructive: true, onClick: () => setAttributes({ datasetId: 0 }) },
        __("Use the built-in events", "health-atlas")),
      !picked && el(TextControl, {
        label: __("…or the address of a JSON file", "health-atlas"),
        type: "url",
        value: attributes.dataset,
        onChange: (dataset) => setAttributes({ dataset }),
      }),
      el(SelectControl, {
        label: __("If the file cannot be used, readers see", "health-atlas"),
        help: __("You (and everyone who can edit this post) see what is wrong in the file, where.", "health-atlas"),
        value: attributes.datasetErrors,
        options: choices([
          ["builtin", __("The built-in events", "health-atlas")],
          ["empty", __("Nothing", "health-atlas")],
          ["show", __("The list of errors", "health-atlas")],
        ]),
        onChange: (datasetErrors) => setAttributes({ datasetErrors }),
      }),
    );
  }

  function DisplayPanel({ attributes, setAttributes }) {
    const select = (key, label, options) => el(SelectControl, {
      label, value: attributes[key], options: choices(options), onChange: (value) => setAttributes({ [key]: value }),
    });
    return el(
      PanelBody,
      { title: __("Display", "health-atlas") },
      select("view", __("View", "health-atlas"), [
        ["combined", __("Timeline, map and list", "health-atlas")],
        ["timeline", __("Timeline", "health-atlas")],
        ["map", __("Map", "health-atlas")],
        ["list", __("List", "health-atlas")],
        ["insights", __("Insights (charts)", "health-atlas")],
      ]),
      select("lang", __("Language", "health-atlas"), [
        ["auto", __("The reader's browser language", "health-atlas")],
        ["en", "English"],
        ["zh", "中文"],
        ["fr", "Français"],
      ]),
      select("theme", __("Colours", "health-atlas"), [
        ["auto", __("The reader's system setting", "health-atlas")],
        ["light", __("Light", "health-atlas")],
        ["dark", __("Dark", "health-atlas")],
      ]),
      el(TextControl, {
        label: __("Height", "health-atlas"),
        help: __("Pixels (640), or a length in px, vh, svh, rem, em or %.", "health-atlas"),
        value: attributes.height,
        onChange: (height) => setAttributes({ height }),
      }),
      el(TextControl, {
        label: __("Initial filters", "health-atlas"),
        help: __("As in the atlas's links: cat=forum,conference&q=Wuxi&from=2023-01-01 (keys: cat, org, person, country, region, city, tag, q, from, to).", "health-atlas"),
        value: attributes.filters,
        onChange: (filters) => setAttributes({ filters }),
      }),
    );
  }

  function UnknownPanel({ attributes, setAttributes }) {
    const names = Object.keys(attributes.unknownOptions || {});
    if (!names.length) return null;
    return el(
      PanelBody,
      { title: __("Options not used", "health-atlas") },
      el(Notice, { status: "warning", isDismissible: false },
        __("This block has options Health Atlas does not know, and ignores:", "health-atlas"),
        el("ul", { className: "health-atlas-unknown" }, names.map((name) => el("li", { key: name }, el("code", null, name))))),
      el(Button, { variant: "secondary", onClick: () => setAttributes({ unknownOptions: undefined }) },
        __("Remove them", "health-atlas")),
    );
  }

  registerBlockType(NAME, {
    edit(props) {
      return el(
        Fragment,
        null,
        el(InspectorControls, null, el(DatasetPanel, props), el(DisplayPanel, props), el(UnknownPanel, props)),
        el("div", useBlockProps(), el(ServerSideRender, { block: NAME, attributes: props.attributes })),
      );
    },
    // A dynamic block: the markup is written by the server when the page is shown.
    save: () => null,
  });
})(window.wp);
