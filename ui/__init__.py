"""The Qt shell: widgets and models that call app/, never the other way round."""
