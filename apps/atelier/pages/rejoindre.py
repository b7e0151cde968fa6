"""/rejoindre"""

from jnt_fresque.app.views import join

join.render()
