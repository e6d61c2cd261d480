"""The node-by-node player, and the words and pictures of a step."""
