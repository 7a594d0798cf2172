/** Where every front end looks for the config: the CLI, the Action and the App read one place. */
export const DEFAULT_CONFIG_PATH = '.github/listkeeper.yml';
