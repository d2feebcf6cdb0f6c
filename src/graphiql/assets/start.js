/* global document, window, React, ReactDOM, GraphiQL */
/*
 * Starts GraphiQL in the page served by the gateway. Plain browser script (no build step): React,
 * ReactDOM and GraphiQL are the UMD globals loaded just before it, from the gateway itself.
 * The page's JSON block carries the example tabs and the preset headers.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('vendorgraph-graphiql-config').textContent);
  // The page is served on the GraphQL endpoint itself, so posting to its own path works behind any prefix.
  var fetcher = GraphiQL.createFetcher({ url: window.location.pathname });
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: config.tabs,
      defaultHeaders: config.headers,
      defaultEditorToolsVisibility: config.headers ? 'headers' : false,
      shouldPersistHeaders: false,
    }),
  );
})();
