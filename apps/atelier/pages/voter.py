"""/voter"""

from jnt_fresque.app.views import vote

vote.render()
